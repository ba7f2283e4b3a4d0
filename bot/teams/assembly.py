"""The channel layer's parts, made for the composition root: adapter, state, profiles, bot."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from botbuilder.core import ConversationState, UserState

from bot.reminders.model import ConversationDirectory
from bot.settings import Settings
from bot.store.locks import ConversationLocks
from bot.store.state import StateStore
from bot.teams.adapter import LagetAdapter
from bot.teams.handler import LagetBot, Welcome
from bot.teams.proactive import TeamsChannel
from bot.teams.profiles import Profiles
from bot.teams.routing import Router, RoutingTable
from bot.teams.state_cache import TurnConversationState, TurnUserState
from bot.teams.storage import SqlStorage


@dataclass(frozen=True)
class TeamsParts:
    """What the features need of the channel before the bot itself can be made."""

    adapter: LagetAdapter
    conversation_state: ConversationState
    user_state: UserState
    profiles: Profiles
    channel: TeamsChannel

    @classmethod
    def make(cls, settings: Settings, state: StateStore, locks: ConversationLocks) -> TeamsParts:
        """The adapter over the SQL state store, and the proactive channel through it."""
        storage = SqlStorage(state)
        conversation_state = TurnConversationState(storage)
        user_state = TurnUserState(storage)
        adapter = LagetAdapter(settings, conversation_state, locks)
        channel = TeamsChannel(adapter, settings.microsoft_app_id)
        return cls(adapter, conversation_state, user_state, Profiles(user_state), channel)

    def bot(
        self, references: ConversationDirectory, welcome: Welcome, routers: Iterable[Router]
    ) -> LagetBot:
        """The bot, routing through one table made of the features' routers."""
        return LagetBot(
            self.conversation_state,
            self.user_state,
            profiles=self.profiles,
            references=references,
            welcome=welcome,
            routes=RoutingTable(routers),
        )
