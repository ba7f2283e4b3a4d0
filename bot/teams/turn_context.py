"""botbuilder's TurnContext, with replies copied one level deep instead of all the way down.

`TurnContext.send_activities` deep-copies every activity it sends, so that addressing the copy
(conversation, sender, recipient, reply-to id, type, input hint, id: all top-level attributes)
leaves the caller's activity as it was. For a card that means copying the whole card's JSON,
every turn. A copy of the activity's own attributes keeps the caller's activity just as
untouched: the nested values (attachments, cards, entities) are shared with it, and nothing
changes them after they are sent.
"""

from __future__ import annotations

import copy
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity


class _OneLevel:
    """An activity whose deep copy (the SDK's, in `send_activities`) copies one level."""

    __slots__ = ("_activity",)

    def __init__(self, activity: Activity) -> None:
        self._activity = activity

    def __deepcopy__(self, _memo: dict[int, Any]) -> Activity:
        made: Activity = copy.copy(self._activity)
        return made


class LagetTurnContext(TurnContext):  # type: ignore[misc]
    """A turn's context whose sent activities are copied one level deep."""

    async def send_activities(self, activities: list[Any]) -> Any:
        return await super().send_activities(
            [_OneLevel(a) if type(a) is Activity else a for a in activities]
        )
