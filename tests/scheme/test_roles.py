"""Role checks: admins see the county, coordinators their own networks, others neither."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.scheme.roles import (
    Permission,
    RoleAssignment,
    allowed,
    roles_for,
)

ADMIN = "11111111-1111-1111-1111-111111111111"
COORDINATOR = "22222222-2222-2222-2222-22222222222A"
STAFF = "33333333-3333-3333-3333-333333333333"
ASSIGNMENTS = [
    RoleAssignment(aad_object_id=ADMIN, role="admin"),
    RoleAssignment(aad_object_id=COORDINATOR, role="coordinator", network_id="fosen"),
    RoleAssignment(aad_object_id=COORDINATOR, role="coordinator", network_id="gauldal"),
]
NETWORKS = ["trondheim-malvik", "fosen", "gauldal", "roros"]


def test_admin_may_do_everything() -> None:
    admin = roles_for(ADMIN, ASSIGNMENTS)
    assert admin.admin
    assert allowed(admin, Permission.VIEW_COUNTY)
    assert allowed(admin, Permission.EDIT_DATA)
    assert allowed(admin, Permission.VIEW_NETWORK_REPORTS, "roros")
    assert all(allowed(admin, Permission.MANAGE_NETWORK, n) for n in NETWORKS)


def test_coordinator_acts_on_own_networks_only() -> None:
    coordinator = roles_for(COORDINATOR.lower(), ASSIGNMENTS)  # ids compare case-insensitively
    assert coordinator.coordinator_of == {"fosen", "gauldal"}
    assert allowed(coordinator, Permission.MANAGE_NETWORK, "gauldal")
    assert allowed(coordinator, Permission.VIEW_NETWORK_REPORTS, "gauldal")
    assert allowed(coordinator, Permission.MANAGE_NETWORK, "fosen")
    assert not allowed(coordinator, Permission.VIEW_NETWORK_REPORTS, "roros")
    assert not allowed(coordinator, Permission.VIEW_COUNTY)
    assert not allowed(coordinator, Permission.EDIT_DATA)
    assert [n for n in NETWORKS if allowed(coordinator, Permission.VIEW_NETWORK_REPORTS, n)] == [
        "fosen",
        "gauldal",
    ]


def test_staff_have_no_restricted_rights() -> None:
    staff = roles_for(STAFF, ASSIGNMENTS)
    assert not staff.admin
    assert not any(allowed(staff, p, "fosen") for p in Permission)


def test_invalid_assignments_are_refused() -> None:
    with pytest.raises(ValidationError, match="ikke en gyldig Azure AD-objekt-id"):
        RoleAssignment(aad_object_id="ola@example.no", role="admin")
    with pytest.raises(ValidationError, match="en koordinator hører til ett nettverk"):
        RoleAssignment(aad_object_id=STAFF, role="coordinator")
    with pytest.raises(ValidationError, match="en koordinator hører til ett nettverk"):
        RoleAssignment(aad_object_id=STAFF, role="admin", network_id="fosen")
