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
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Protocol

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


@dataclass(frozen=True)
class StoredRole:
    """A role assignment with the display name and e-mail kept beside it."""

    assignment: RoleAssignment
    name: str
    email: str
    granted_at: datetime


class RoleDirectory(Protocol):
    """Where role assignments are kept (the store implements it)."""

    async def person(self, aad_object_id: str | None) -> PersonRoles | None:
        """The roles of one person; None when Teams sent no usable object id."""
        ...

    async def all(self) -> list[StoredRole]:
        """Every assignment, administrators first."""
        ...


async def sole_network(roles: RoleDirectory, aad_object_id: str | None) -> str | None:
    """The network of someone who coordinates exactly one (their default everywhere)."""
    person = await roles.person(aad_object_id)
    if person is None or len(person.coordinator_of) != 1:
        return None
    return next(iter(person.coordinator_of))


async def is_admin(roles: RoleDirectory, aad_object_id: str | None) -> bool:
    """True for administrators."""
    person = await roles.person(aad_object_id)
    return person is not None and person.admin
