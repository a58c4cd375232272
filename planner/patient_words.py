"""Every word the patient reads about safety and about the plan's warnings, one home for each:
the handout and the text export both print them. Plain words, digits and clock times; no codes,
factors or citations (those are the clinician's).

Warnings: the patient wording of each lives in PATIENT_WORDS, keyed by the warning's code, so that
a translation finds them in one place. A warning whose code is not there is for the clinician only
and never reaches the handout or the text export. `{drug}` is the drug's name in lower case.
"""

from __future__ import annotations

from fractions import Fraction

from .numbers import fmt
from .profile import Product
from .renal import RenalStatus
from .schedule import Schedule, day_label

PATIENT_WORDS: dict[str, str] = {
    "renal_band": "Your kidneys clear {drug} more slowly than usual, so your doses are kept lower.",
    "renal_avoid": ("Your kidneys clear {drug} very slowly. If you feel very sleepy, confused or weak, "
                    "call your clinician."),
    "dialysis": ("You have dialysis, so your doses are kept very low. Tell everyone who treats your kidneys "
                 "that you take {drug}."),
    "liver": "Because of your liver, you need regular blood tests while you take {drug}.",
    "pregnant": ("You are pregnant. {drug_cap} has to be lowered slowly and stopped before your baby is born, "
                 "because a newborn baby can have withdrawal. Tell your midwife and your doctors that you take {drug}."),
    "pregnant_no_stop": ("You are pregnant. {drug_cap} has to be lowered slowly and stopped before your baby is born, "
                         "because a newborn baby can have withdrawal. This plan does not stop it yet: ask your "
                         "clinician about a plan to stop it. Tell your midwife and your doctors that you take {drug}."),
    "seizures": ("You have had seizures (fits) before. Never stop {drug} suddenly and do not miss doses. "
                 "If you have a seizure, get urgent medical help."),
    "intrathecal": ("This plan is only for the {drug} you take by mouth. It does not change the {drug} "
                    "from your pump."),
}


def for_patient(code: str, drug: str) -> str:
    """The patient wording of the warning `code`, or "" when the patient need not be told."""
    template = PATIENT_WORDS.get(code, "")
    return template.format(drug=drug, drug_cap=drug[:1].upper() + drug[1:])


def limit_reason(renal: RenalStatus) -> str:
    """Why the patient's daily limit is lower, in plain words ("" when it is not)."""
    if renal.factor is None:
        return "lowered because of dialysis"
    return "lowered because of how your kidneys work" if renal.reduced else ""


WITHDRAWAL_SIGNS = ("hallucinations (seeing or hearing things that are not there), seizures (fits), high fever, "
                    "confusion, or muscle stiffness and spasms much worse than before")


def drug_word(schedule: Schedule) -> str:
    return schedule.profile.name.lower()


def used_products(schedule: Schedule) -> tuple[Product, ...]:
    """The products the patient handles in this plan (current dose included), in the plan's order."""
    doses = [d for step in schedule.steps for d in step.doses] + list(schedule.current or ())
    used = {u.product.id for d in doses for u in d.units}
    return tuple(schedule.profile.product(pid) for pid in schedule.plan.products if pid in used)


def who_to_call(schedule: Schedule) -> str:
    clinician = schedule.plan.clinician
    name = clinician.name.strip() or "your clinician"
    return f"{name} on {clinician.contact.strip()}" if clinician.contact.strip() else name


def follow_up_words(schedule: Schedule, day_text: str | None = None) -> str | None:
    """The check after a plan that stops: withdrawal starts 18 to 31 hours after the last dose,
    so the patient is told when to expect it and not to wait for the date. `day_text`: the
    date as the caller writes dates (default 'Tue 8 Dec')."""
    if schedule.follow_up_date is None:
        return None
    when = day_text or day_label(schedule.follow_up_date)
    days = (schedule.follow_up_date - schedule.last_dose_day).days
    return (f"Your follow-up is on {when}, {days} day{'' if days == 1 else 's'} after your last dose: "
            f"see or call {who_to_call(schedule)}. "
            "Withdrawal signs usually begin 1 to 2 days after the last dose: if you notice any, "
            "get urgent medical help at once; do not wait for this date.")


def current_split_known(schedule: Schedule) -> bool:
    """Whether the current dose per dose time is known: given by the clinician, or one dose a day."""
    current = schedule.plan.current
    return current is not None and (current.doses is not None or len(schedule.plan.times) == 1)


def current_dose_words(schedule: Schedule) -> str | None:
    """The dose the patient takes now. Per dose time only when the clinician gave the doses:
    a daily total split by the planner is not what the patient takes."""
    current = schedule.plan.current
    if current is None or schedule.current is None:
        return None
    total = sum((d.mg for d in schedule.current), Fraction(0))
    if not current_split_known(schedule):
        return f"{fmt(total)} mg a day in total"
    return "; ".join(f"{d.time.hhmm} {d.time.name}: {fmt(d.mg)} mg" for d in schedule.current) + f" ({fmt(total)} mg a day)"


def safety_rules(schedule: Schedule) -> list[tuple[str, str]]:
    """(heading, text) pairs: what prevents harm, for the handout's box and the text export."""
    drug = drug_word(schedule)
    kinds = {s.phase_kind for s in schedule.steps}
    call = who_to_call(schedule)
    items = [
        ("If you miss a dose", f"Take it as soon as you remember. If your next dose is due within "
                               f"{schedule.profile.missed_dose_hours} hours, skip the missed dose. "
                               "Never take 2 doses at once to make up for one."),
        ("Do not stop suddenly", f"Stopping {drug} suddenly can cause {WITHDRAWAL_SIGNS}. "
                                 "If any of these happen, get urgent medical help."),
    ]
    if "titrate" in kinds:
        items.append(("Very sleepy, confused or weak after a dose increase?",
                      f"Do not take the next increase. Stay on the dose you take now and call {call}."))
    if "taper" in kinds:
        items.append(("Withdrawal signs during the taper?",
                      f"If you notice any of the signs above, do not take the next reduction. "
                      f"Stay on the dose you take now and call {call}."))
    items += [
        ("Signs of overdose: call emergency services now",
         "Severe sleepiness, slow or shallow breathing, confusion, hallucinations, seizures, floppy muscles, "
         "a very slow or fast heartbeat, feeling very cold, vomiting, or not waking up. "
         "People with kidney disease can have these signs even at low doses."),
        ("Alcohol and other medicines", f"Alcohol and medicines that make you sleepy (sleeping pills, anxiety medicines, "
                                        f"strong painkillers called opioids) add to the effect of {drug}; with opioids "
                                        "your breathing can slow dangerously. Ask before you take them."),
        ("Driving", f"Do not drive or use machines until you know how {drug} affects you, "
                    "especially after you start or your dose goes up."),
        ("Blood tests", f"If you take {drug} for a long time, have liver and kidney blood tests every 3 to 6 months."),
    ]
    forms = {p.form for p in used_products(schedule)}
    if "tablet" in forms:
        items.append(("Tablets", "Swallow tablets whole. Break a tablet only where this plan shows 1/2, along the line."))
    if "solution" in forms:
        items.append(("Liquid", "Measure the liquid with an oral syringe, never with a kitchen spoon."))
    return items
