"""The plan in the patient's words: instructions, the stop, the follow-up, the safety rules, the
warnings the patient is told about, and the text export. Drug-specific words come from the
profile's patient texts (planner.profile_texts), never from here."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from ..profile_texts import PatientTexts
from . import Voice
from .doses import dispense_line, mg_a_day, take_words, time_name

if TYPE_CHECKING:
    from ..profile import DrugProfile, Product
    from ..renal import RenalStatus
    from ..schedule import Schedule, Step


def texts(v: Voice, profile: DrugProfile) -> PatientTexts:
    """The profile's patient texts in the voice's language. A profile from before 2026.12.2 carries
    none: its drug's bundled texts stand in (the words, never the limits)."""
    if not profile.texts:
        from ..profile import bundled_profile, bundled_profile_names

        if profile.drug in bundled_profile_names():
            return bundled_profile(profile.drug).patient_texts(v.language)
    return profile.patient_texts(v.language)


def drug_word(v: Voice, schedule: Schedule) -> str:
    """The drug as the patient reads it, in lower case."""
    return texts(v, schedule.profile).name


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def clause(text: str) -> str:
    """A profile text that a catalogue sentence continues, without the full stop a clinician may
    have ended it with (else "...slowly.: if you notice any")."""
    return text.rstrip().removesuffix(".").rstrip()


# Generic wordings of warning codes; a profile's `warnings` override them, a code in neither is the clinician's only.
def _generic_warnings(v: Voice) -> dict[str, str]:
    return {
        "renal_band": v._("Your kidneys clear {drug} more slowly than usual, so your doses are kept lower."),
        "renal_avoid": v._("Your kidneys clear {drug} very slowly. If you feel very sleepy, confused or weak, call your clinician."),
        "dialysis": v._("You have dialysis, so your doses are kept very low. Tell everyone who treats your kidneys that you take {drug}."),
        "liver": v._("Because of your liver, you need regular blood tests while you take {drug}."),
    }


def warning_words(v: Voice, code: str, profile: DrugProfile) -> str:
    """The patient wording of the warning `code`, or "" when the patient need not be told."""
    words = texts(v, profile)
    template = words.warning(code) or _generic_warnings(v).get(code, "")
    return words.fill(template)


def patient_notes(v: Voice, schedule: Schedule) -> list[str]:
    """The plan's warnings as the patient reads them; those only for the clinician are left out."""
    return [warning_words(v, w.code, schedule.profile) for w in schedule.warnings if w.patient]


def limit_reason(v: Voice, renal: RenalStatus) -> str:
    """Why the patient's daily limit is lower, in plain words ("" when it is not)."""
    if renal.factor is None:
        return v._("lowered because of dialysis")
    return v._("lowered because of how your kidneys work") if renal.reduced else ""


def who_to_call(v: Voice, schedule: Schedule) -> str:
    clinician = schedule.plan.clinician
    name = clinician.name.strip() or v._("your clinician")
    contact = clinician.contact.strip()
    return v._("{name} on {contact}").format(name=name, contact=contact) if contact else name


def do_not_stop(v: Voice) -> str:
    """The one home of the safety sentence (a heading, or a sentence with its full stop added)."""
    return v._("Do not stop suddenly")


def missed_dose(v: Voice, profile: DrugProfile) -> str:
    return v._("Take it as soon as you remember. If your next dose is due within {hours} hours, skip the missed dose. "
               "Never take 2 doses at once to make up for one.").format(hours=profile.missed_dose_hours)


def follow_up_words(v: Voice, schedule: Schedule, *, year: bool = False) -> str | None:
    """The check after a plan that stops: withdrawal starts 18 to 31 hours after the last dose,
    so the patient is told when to expect it and not to wait for the date."""
    if schedule.follow_up_date is None:
        return None
    days = (schedule.follow_up_date - schedule.last_dose_day).days
    when = v.day(schedule.follow_up_date, year=year)
    first = v.ngettext("Your follow-up is on {when}, {days} day after your last dose: see or call {who}.",
                       "Your follow-up is on {when}, {days} days after your last dose: see or call {who}.", days)
    then = v._("{onset}: if you notice any, get urgent medical help at once; do not wait for this date.")
    words = texts(v, schedule.profile)
    return first.format(when=when, days=days, who=who_to_call(v, schedule)) + " " + then.format(
        onset=clause(words.fill(words.withdrawal_onset)))


def current_split_known(schedule: Schedule) -> bool:
    """Whether the current dose per dose time is known: given by the clinician, or one dose a day."""
    current = schedule.plan.current
    return current is not None and (current.doses is not None or len(schedule.plan.times) == 1)


def current_total(v: Voice, daily: Fraction | int) -> str:
    return v._("{mg} mg a day in total").format(mg=v.number(daily))


def stay_safe(v: Voice) -> str:
    """The heading of the safety rules, on the handout and in the text export."""
    return v._("Stay safe")


def current_dose_words(v: Voice, schedule: Schedule) -> str | None:
    """The dose the patient takes now. Per dose time only when the clinician gave the doses:
    a daily total split by the planner is not what the patient takes."""
    if schedule.plan.current is None or schedule.current is None:
        return None
    total = sum((d.mg for d in schedule.current), Fraction(0))
    if not current_split_known(schedule):
        return current_total(v, total)
    each = [v._("{clock} {name}: {mg} mg").format(clock=d.time.hhmm, name=time_name(v, d.time.name), mg=v.number(d.mg)) for d in schedule.current]
    return "; ".join(each) + " (" + mg_a_day(v, total) + ")"


def used_products(schedule: Schedule) -> tuple[Product, ...]:
    """The products the patient handles in this plan (current dose included), in the plan's order."""
    doses = [d for step in schedule.steps for d in step.doses] + list(schedule.current or ())
    used = {u.product.id for d in doses for u in d.units}
    return tuple(schedule.profile.product(pid) for pid in schedule.plan.products if pid in used)


def driving(v: Voice, drug: str, *, rising: bool) -> str:
    """Starting and raising the dose are when the drug most affects driving; a plan whose dose
    only stays or goes down has neither."""
    if rising:
        return v._("Do not drive or use machines until you know how {drug} affects you, "
                   "especially after you start or your dose goes up.").format(drug=drug)
    return v._("Do not drive or use machines if {drug} makes you sleepy or dizzy.").format(drug=drug)


def safety_rules(v: Voice, schedule: Schedule) -> list[tuple[str, str]]:
    """(heading, text) pairs: what prevents harm, for the handout's box and the text export."""
    words = texts(v, schedule.profile)
    drug = words.name
    kinds = {s.phase_kind for s in schedule.steps}
    call = who_to_call(v, schedule)
    items = [
        (v._("If you miss a dose"), missed_dose(v, schedule.profile)),
        (do_not_stop(v), v._("Stopping {drug} suddenly can cause {signs}. If any of these happen, get urgent medical help.").format(
            drug=drug, signs=clause(words.fill(words.withdrawal_signs)))),
    ]
    if "titrate" in kinds:
        items.append((v._("{signs} after a dose increase?").format(signs=capital(clause(words.fill(words.increase_signs)))),
                      v._("Do not take the next increase. Stay on the dose you take now and call {who}.").format(who=call)))
    if "taper" in kinds:
        items.append((v._("Withdrawal signs during the taper?"),
                      v._("If you notice any of the signs above, do not take the next reduction. "
                          "Stay on the dose you take now and call {who}.").format(who=call)))
    items += [
        (v._("Signs of overdose: call emergency services now"), words.fill(words.overdose_signs)),
        (v._("Alcohol and other medicines"), words.fill(words.interactions)),
        (v._("Driving"), driving(v, drug, rising="titrate" in kinds)),
        (v._("Blood tests"), words.fill(words.monitoring)),
    ]
    if words.everyday:  # one heading: the sentences, each with its own full stop, read as one paragraph
        items.append((v._("Every day"), " ".join(words.fill(text).strip() for text in words.everyday)))
    forms = {p.form for p in used_products(schedule)}
    if "tablet" in forms:
        quarters = any(u.count.denominator == 4 for step in schedule.steps for d in step.doses for u in d.units)
        items.append((v._("Tablets"), v._("Swallow tablets whole. Break a tablet only where this plan shows 1/2, 1/4 or 3/4, along the lines.")
                      if quarters else v._("Swallow tablets whole. Break a tablet only where this plan shows 1/2, along the line.")))
    if "solution" in forms:
        items.append((v._("Liquid"), v._("Measure the liquid with an oral syringe, never with a kitchen spoon.")))
    return items


def step_instruction(v: Voice, step: Step, schedule: Schedule) -> str:
    total = "(" + mg_a_day(v, step.daily_mg) + ")"
    take = take_words(v, step.doses)
    if step.holds_until_review and schedule.review_date is not None:
        return v._("From {start} until your review on {review}: {take} {total}. Continue until your review; "
                   "do not stop suddenly.").format(start=v.day(step.start), review=v.day(schedule.review_date), take=take, total=total)
    if step.days == 1:
        return v._("On {day}: {take} {total}.").format(day=v.day(step.start), take=take, total=total)
    return v._("From {start} to {end}: {take} {total}.").format(start=v.day(step.start), end=v.day(step.end), take=take, total=total)


def last_clock(step: Step) -> str:
    return max(d.time.hhmm for d in step.doses if d.mg > 0)


def stop_instruction(v: Voice, schedule: Schedule) -> str | None:
    if schedule.stop_date is None:
        return None
    last = schedule.steps[-1]
    return v._("Your last dose is on {day} at {clock}. From {stop} take no more {drug}.").format(
        day=v.day(last.end), clock=last_clock(last), stop=v.day(schedule.stop_date), drug=drug_word(v, schedule))


def instructions(v: Voice, schedule: Schedule) -> tuple[str, ...]:
    from ..schedule import patient_steps

    lines = [step_instruction(v, step, schedule) for step in patient_steps(schedule)]
    stop = stop_instruction(v, schedule)
    if stop:
        lines.append(stop)
    return tuple(lines)


def plan_title(v: Voice, schedule: Schedule, *, with_name: bool = True) -> str:
    """'Baclofen plan', 'Baclofen plan for Ann Example'."""
    return named_plan(v, drug_word(v, schedule), schedule.plan.patient.name.strip() if with_name else "")


def named_plan(v: Voice, drug: str, patient: str) -> str:
    """'Baclofen plan' ('Plan de baclofeno'), with ' for Ann Example' when a patient is named."""
    if patient:
        return v._("{drug_cap} plan for {patient}").format(drug=drug, drug_cap=capital(drug), patient=patient)
    return v._("{drug_cap} plan").format(drug=drug, drug_cap=capital(drug))


def clinician_line(v: Voice, schedule: Schedule) -> str | None:
    clinician = schedule.plan.clinician
    parts = [x.strip() for x in (clinician.name, clinician.contact) if x.strip()]
    return v._("Clinician: {who}").format(who=", ".join(parts)) if parts else None


def schedule_text(v: Voice, schedule: Schedule) -> str:
    """The whole plan in plain words, as the text export writes it."""
    plan = schedule.plan
    lines = [plan_title(v, schedule)]
    current = current_dose_words(v, schedule)
    if current is not None:
        lines.append(v._("Your current dose: {dose}").format(dose=current))
    lines.append("")
    lines.extend(instructions(v, schedule))
    follow_up = follow_up_words(v, schedule)
    if follow_up is not None:
        lines.append(follow_up)
    lines += ["", stay_safe(v)]
    for heading, text in safety_rules(v, schedule):
        lines.extend([f"* {heading}", f"  {text}"])
    lines += ["", v._("To dispense: {what}.").format(what=dispense_line(v, schedule.dispense))]
    clinician = clinician_line(v, schedule)
    if clinician:
        lines.append(clinician)
    for note in patient_notes(v, schedule):  # the clinician's wording (reasons, citations) stays in the app and CLI
        lines.append(v._("Note: {note}").format(note=note))
    lines.append(v._("Plan {plan_id}, revision {revision}; profile {drug} {version}; times in {zone}.").format(
        plan_id=plan.plan_id, revision=plan.revision, drug=schedule.profile.drug, version=schedule.profile.version, zone=plan.timezone))
    return "\n".join(lines) + "\n"


def day_range(v: Voice, first: date, last: date) -> str:
    """'4 Dec', '4-6 Dec', '30 Nov-2 Dec', '30 Dec 2026-2 Jan 2027'."""
    if first == last:
        return v.short_day(first)
    if first.year != last.year:
        return f"{v.short_day(first, year=True)}-{v.short_day(last, year=True)}"
    if first.month != last.month:
        return f"{v.short_day(first)}-{v.short_day(last)}"
    return f"{first.day}-{v.short_day(last)}"
