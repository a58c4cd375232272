"""What the patient reads about a warning: plain words, digits, no reasons, factors or citations.

Every patient wording lives here, keyed by the warning's code, so that a translation finds them
in one place. A warning whose code is not here is for the clinician only and never reaches the
handout or the text export. `{drug}` is the drug's name in lower case.
"""

from __future__ import annotations

from .renal import RenalStatus

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
