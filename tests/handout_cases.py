"""Schedules and PDF reading shared by the handout tests (no conftest: the lead's tests have one)."""

from __future__ import annotations

import io
import re
from datetime import date
from fractions import Fraction

import pypdf

from planner import Clinician, Patient, build_schedule, bundled_profile
from planner.factory import taper_plan, titration_plan

PLAN_ID = "00000000-0000-4000-8000-000000000001"
START = date(2026, 12, 1)
ISSUED = date(2026, 11, 27)
CLINICIAN = Clinician("Dr Ana Silva", "+49 30 1234 5678")


def titration(**kw):
    kw.setdefault("patient", Patient("Zoë Łukasiewicz"))
    kw.setdefault("clinician", CLINICIAN)
    return build_schedule(titration_plan(bundled_profile(), plan_id=PLAN_ID, start_date=START, timezone="Europe/Berlin", **kw))


def long_taper(**kw):
    """24 weekly cuts of 15 % from 40 mg a day (10/10/20) at three doses a day: needs the liquid."""
    kw.setdefault("patient", Patient("Юлия Смирнова"))
    kw.setdefault("clinician", CLINICIAN)
    return build_schedule(taper_plan(
        bundled_profile(), plan_id=PLAN_ID, start_date=START, timezone="Europe/Berlin", from_mg=Fraction(40),
        method="percent", amount=Fraction(15), products=("tab5", "tab10", "sol1"),
        current_doses=(Fraction(10), Fraction(10), Fraction(20)), **kw))


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def flat(text: str) -> str:
    """Extracted text with every run of white space (line breaks, no-break spaces) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def page_texts(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in reader(data).pages]


def all_text(data: bytes) -> str:
    return " ".join(page_texts(data))
