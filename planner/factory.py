"""Plans from a few parameters, with the profile's defaults where the clinician gives none."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .cautions import default_titration
from .model import Clinician, CurrentDose, Maintenance, Patient, Plan, Taper, TaperMethod, Titration
from .profile import DrugProfile
from .times import DoseTime, default_times


def titration_plan(
    profile: DrugProfile, *, plan_id: str, start_date: date, timezone: str,
    start_mg: Fraction | None = None, target_mg: Fraction | None = None, step_mg: Fraction | None = None,
    every_days: int | None = None, review_days: int | None = None, times: tuple[DoseTime, ...] | None = None,
    products: tuple[str, ...] | None = None, patient: Patient = Patient(), clinician: Clinician = Clinician(),
    follow_up_days: int | None = None,
) -> Plan:
    products = profile.default_products if products is None else products
    default_start, default_step = default_titration(profile, patient, products)  # the label's, scaled for the kidneys
    phase = Titration(
        id="p1",
        target_mg=profile.titration_target_mg if target_mg is None else target_mg,
        step_mg=default_step if step_mg is None else step_mg,
        every_days=profile.titration_every_days if every_days is None else every_days,
        start_mg=default_start if start_mg is None else start_mg,
    )
    return Plan(
        plan_id=plan_id, revision=1, profile=profile, patient=patient, products=products,
        times=default_times(profile.titration_times_per_day) if times is None else times,
        timezone=timezone, start_date=start_date, phases=(phase,),
        review_days=profile.review_days if review_days is None else review_days, clinician=clinician,
        follow_up_days=follow_up_days,
    )


def taper_plan(
    profile: DrugProfile, *, plan_id: str, start_date: date, timezone: str, from_mg: Fraction,
    method: TaperMethod, amount: Fraction, to_mg: Fraction = Fraction(0), every_days: int | None = None,
    current_doses: tuple[Fraction, ...] | None = None, review_days: int | None = None,
    times: tuple[DoseTime, ...] | None = None, products: tuple[str, ...] | None = None,
    patient: Patient = Patient(), clinician: Clinician = Clinician(), follow_up_days: int | None = None,
) -> Plan:
    phase = Taper(id="p1", to_mg=to_mg, method=method, amount=amount,
                  every_days=profile.taper_every_days if every_days is None else every_days)
    if times is None:
        times = default_times(len(current_doses) if current_doses and len(current_doses) <= 4 else profile.titration_times_per_day)
    return Plan(
        plan_id=plan_id, revision=1, profile=profile, patient=patient,
        products=profile.default_products if products is None else products, times=times,
        timezone=timezone, start_date=start_date, phases=(phase,),
        review_days=profile.review_days if review_days is None else review_days,
        current=CurrentDose(from_mg, current_doses), clinician=clinician, follow_up_days=follow_up_days,
    )


def maintenance_plan(
    profile: DrugProfile, *, plan_id: str, start_date: date, timezone: str, dose_mg: Fraction,
    current_doses: tuple[Fraction, ...] | None = None, review_days: int | None = None,
    times: tuple[DoseTime, ...] | None = None, products: tuple[str, ...] | None = None,
    patient: Patient = Patient(), clinician: Clinician = Clinician(), follow_up_days: int | None = None,
) -> Plan:
    """The dose the patient takes now, held until the review: for a patient who needs only the
    calendar and the handout. The held dose is the plan's current dose, so it passes the same
    limits as any maintenance step; phases added later start from it."""
    review = profile.review_days if review_days is None else review_days
    if times is None:
        times = default_times(len(current_doses) if current_doses and len(current_doses) <= 4 else profile.titration_times_per_day)
    return Plan(
        plan_id=plan_id, revision=1, profile=profile, patient=patient,
        products=profile.default_products if products is None else products, times=times,
        timezone=timezone, start_date=start_date, phases=(Maintenance(id="p1", days=review),),
        review_days=review, current=CurrentDose(dose_mg, current_doses), clinician=clinician,
        follow_up_days=follow_up_days,
    )
