"""The scheme's pure domain core: data, calendar, money, roles and Norwegian formatting.

Plain Python and pydantic only: nothing here imports botbuilder or aiohttp, so the channel layer
can change without touching it. The names below are the ones the bot and the CLI use.
"""

from bot.scheme.calendar import (
    OSLO,
    Deadline,
    current_cycle_year,
    cycle_deadlines,
    days_left,
    deadline_for,
    next_deadline,
    oslo_today,
)
from bot.scheme.formatting import (
    describe_deadline,
    describe_frame,
    example_data_note,
    format_date,
    format_days_left,
    format_money,
    non_working_day_note,
)
from bot.scheme.loader import DEFAULT_DATA_DIR, DataError, Problem, check_data_dir, load_region
from bot.scheme.models import Lang, Localized, Network, RegionData, SchemeError, Step, YearData
from bot.scheme.money import Allocation, AllocationError, Frame, compute_allocation
from bot.scheme.roles import PersonRoles, RoleAssignment, roles_for

__all__ = [
    "DEFAULT_DATA_DIR",
    "OSLO",
    "Allocation",
    "AllocationError",
    "DataError",
    "Deadline",
    "Frame",
    "Lang",
    "Localized",
    "Network",
    "PersonRoles",
    "Problem",
    "RegionData",
    "RoleAssignment",
    "SchemeError",
    "Step",
    "YearData",
    "check_data_dir",
    "compute_allocation",
    "current_cycle_year",
    "cycle_deadlines",
    "days_left",
    "deadline_for",
    "describe_deadline",
    "describe_frame",
    "example_data_note",
    "format_date",
    "format_days_left",
    "format_money",
    "load_region",
    "next_deadline",
    "non_working_day_note",
    "oslo_today",
    "roles_for",
]
