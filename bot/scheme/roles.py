"""Who may do what: administrators (the county) and coordinators (per network).

People are identified by their Azure AD (Entra ID) object id, which Teams sends as
`from.aadObjectId`. Storing role assignments is the store's job; this module only holds the
models and the pure checks, so every permission is decided in one table.

Everyone may ask about deadlines, rules and frames and fill in a behovsmelding; the checks below
cover what is restricted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator


class Permission(StrEnum):
    """A restricted action."""

    VIEW_NETWORK_REPORTS = "view_network_reports"  # who submitted, read and export them
    MANAGE_NETWORK = "manage_network"  # link the network's channel, deadline nudges
    VIEW_COUNTY = "view_county"  # every network at once
    EDIT_DATA = "edit_data"  # counts, totals, dates, decided frames, roles


_NETWORK_PERMISSIONS = {Permission.VIEW_NETWORK_REPORTS, Permission.MANAGE_NETWORK}


def normalise_object_id(value: str) -> str:
    """An AAD object id in canonical form (lower-case GUID); ValueError if it is not one."""
    return str(uuid.UUID(value.strip()))


def _object_id(value: str) -> str:
    try:
        return normalise_object_id(value)
    except ValueError:
        raise ValueError(f"«{value}» er ikke en gyldig Azure AD-objekt-id") from None


ObjectId = Annotated[str, AfterValidator(_object_id)]


class RoleAssignment(BaseModel):
    """One stored role: an administrator of the region, or a coordinator of one network."""

    model_config = ConfigDict(frozen=True)

    aad_object_id: ObjectId
    role: Literal["admin", "coordinator"]
    network_id: str | None = None

    @model_validator(mode="after")
    def _network_matches_role(self) -> RoleAssignment:
        if (self.role == "coordinator") != (self.network_id is not None):
            raise ValueError("en koordinator hører til ett nettverk; en administrator til ingen")
        return self


class PersonRoles(BaseModel):
    """Everything one person may do, gathered from their role assignments."""

    model_config = ConfigDict(frozen=True)

    aad_object_id: ObjectId
    admin: bool = False
    coordinator_of: frozenset[str] = frozenset()


def roles_for(aad_object_id: str, assignments: Iterable[RoleAssignment]) -> PersonRoles:
    """The roles of one person; someone with no assignments gets no restricted rights."""
    person = normalise_object_id(aad_object_id)
    mine = [a for a in assignments if a.aad_object_id == person]
    return PersonRoles(
        aad_object_id=person,
        admin=any(a.role == "admin" for a in mine),
        coordinator_of=frozenset(a.network_id for a in mine if a.network_id is not None),
    )


def allowed(person: PersonRoles, permission: Permission, network_id: str | None = None) -> bool:
    """The one permission table: admins may do everything; coordinators act on their networks."""
    if person.admin:
        return True
    if permission in _NETWORK_PERMISSIONS:
        return network_id is not None and network_id in person.coordinator_of
    return False


def is_admin(person: PersonRoles) -> bool:
    """True for a county administrator."""
    return person.admin


def is_coordinator(person: PersonRoles, network_id: str) -> bool:
    """True when the person coordinates this network."""
    return network_id in person.coordinator_of


def can_view_network_reports(person: PersonRoles, network_id: str) -> bool:
    """May see who submitted in this network, read the submissions and export them."""
    return allowed(person, Permission.VIEW_NETWORK_REPORTS, network_id)


def can_manage_network(person: PersonRoles, network_id: str) -> bool:
    """May link the network's Teams channel and set up deadline nudges for it."""
    return allowed(person, Permission.MANAGE_NETWORK, network_id)


def can_view_county(person: PersonRoles) -> bool:
    """May see every network's submissions and status at once."""
    return allowed(person, Permission.VIEW_COUNTY)


def can_edit_data(person: PersonRoles) -> bool:
    """May load the year's data, decided frames, dates and role assignments."""
    return allowed(person, Permission.EDIT_DATA)


def networks_with_reports(person: PersonRoles, network_ids: Iterable[str]) -> list[str]:
    """The networks, of those given, whose reports the person may see (in the given order)."""
    return [n for n in network_ids if can_view_network_reports(person, n)]
