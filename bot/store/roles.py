"""Stored role assignments (administrators and coordinators), by Azure AD object id.

The checks themselves live in the domain core (`bot.scheme.roles`); this is only storage.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.scheme.roles import (
    PersonRoles,
    RoleAssignment,
    StoredRole,
    normalise_object_id,
    roles_for,
)
from bot.store.tables import role_assignments

ADMIN_SCOPE = ""  # network_id of an administrator's row (the key cannot hold NULL)


class RolesRepository:
    """Grant, revoke and look up roles."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def grant(self, assignment: RoleAssignment, name: str = "", email: str = "") -> None:
        """Give the role (again); name and e-mail are refreshed."""
        values = {"name": name, "email": email, "granted_at": datetime.now(UTC)}
        async with self._engine.begin() as connection:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            await connection.execute(
                insert(role_assignments)
                .values(
                    aad_object_id=assignment.aad_object_id,
                    role=assignment.role,
                    network_id=assignment.network_id or ADMIN_SCOPE,
                    **values,
                )
                .on_conflict_do_update(
                    index_elements=["aad_object_id", "role", "network_id"], set_=values
                )
            )

    async def revoke(self, assignment: RoleAssignment) -> bool:
        """Take the role away; False if the person did not have it."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                delete(role_assignments).where(
                    (role_assignments.c.aad_object_id == assignment.aad_object_id)
                    & (role_assignments.c.role == assignment.role)
                    & (role_assignments.c.network_id == (assignment.network_id or ADMIN_SCOPE))
                )
            )
        return bool(result.rowcount)

    async def all(self) -> list[StoredRole]:
        """Every assignment, administrators first."""
        query = select(role_assignments).order_by(
            role_assignments.c.role, role_assignments.c.network_id, role_assignments.c.name
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [
            StoredRole(
                assignment=_assignment(row),
                name=row["name"],
                email=row["email"],
                granted_at=row["granted_at"],
            )
            for row in rows
        ]

    async def person(self, aad_object_id: str | None) -> PersonRoles | None:
        """The roles of one person; None when Teams sent no usable object id."""
        if not aad_object_id:
            return None
        try:
            person = normalise_object_id(aad_object_id)
        except ValueError:
            return None
        query = select(role_assignments).where(role_assignments.c.aad_object_id == person)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return roles_for(person, [_assignment(row) for row in rows])


def _assignment(row: Any) -> RoleAssignment:
    return RoleAssignment(
        aad_object_id=row["aad_object_id"], role=row["role"], network_id=row["network_id"] or None
    )
