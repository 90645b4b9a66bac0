"""English month and weekday names, and relative day words."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}

RELATIVE_DAYS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1}

RELATIVE_YEARS: dict[str, int] = {"last year": -1, "this year": 0, "next year": 1}

RELATIVE_MONTHS: dict[str, int] = {
    "last month": -1, "this month": 0, "earlier this month": 0, "early this month": 0, "next month": 1,
}

PAST_MARKERS: tuple[str, ...] = ("last",)

YEAR_PREFIXES: tuple[str, ...] = ("in", "since")

DEADLINE_PREFIXES: tuple[str, ...] = ("by", "until", "till", "before", "through")
