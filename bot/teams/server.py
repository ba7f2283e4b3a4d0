"""The HTTP door: `create_app(settings)` serves POST /api/messages and GET /healthz.

It builds Laget with the composition root (`bot.app.build_laget`) when the application starts,
runs the reminder worker beside it, and releases the database when it stops.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus

from aiohttp import web

from bot.app import Laget, build_laget, utc_now
from bot.exports.service import XLSX
from bot.settings import Settings
from bot.store.db import ping
from bot.understanding.recognizer import Recognizer

_LINK_GONE = {
    "unknown": "Denne lenken finnes ikke. Trykk «Last ned regneark» i Teams for å få en ny.",
    "used": "Denne lenken er allerede brukt. Trykk «Last ned regneark» i Teams for å få en ny.",
    "expired": "Denne lenken er utløpt. Trykk «Last ned regneark» i Teams for å få en ny.",
}

LAGET = web.AppKey("laget", Laget)


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    recognizer: Recognizer | None = None,
) -> web.Application:
    """The aiohttp application: POST /api/messages and GET /healthz."""
    app = web.Application(client_max_size=settings.max_body_bytes)

    async def lifecycle(app: web.Application):  # type: ignore[no-untyped-def]
        laget = app[LAGET] = await build_laget(settings, clock=clock, recognizer=recognizer)
        stop = asyncio.Event()
        workers = []
        if settings.reminder_interval > 0:
            # Reminders are sent from inside `serve`; several instances may run it at once.
            run = laget.reminders.worker.run(settings.reminder_interval, stop)
            workers.append(asyncio.create_task(run, name="reminders"))
        if settings.delivery_interval > 0:
            # Messages to other people than the one in a turn: woken by the turn that wrote one.
            deliver = laget.deliveries.run(settings.delivery_interval, stop)
            workers.append(asyncio.create_task(deliver, name="deliveries"))
        yield
        stop.set()
        for worker in workers:
            await worker
        await laget.close()

    async def messages(request: web.Request) -> web.Response:
        laget = request.app[LAGET]
        return await laget.adapter.process(request, laget.bot)

    async def healthz(request: web.Request) -> web.Response:
        if await ping(request.app[LAGET].engine):
            return web.json_response({"status": "ok"})
        return web.json_response(
            {"status": "database unavailable"}, status=HTTPStatus.SERVICE_UNAVAILABLE
        )

    app.cleanup_ctx.append(lifecycle)
    app.router.add_post("/api/messages", messages)

    async def exports(request: web.Request) -> web.Response:
        """A download link from «Last ned regneark»: the file once, then 410."""
        download = await request.app[LAGET].exports.download(request.match_info["token"])
        if download.use == "ok":
            return web.Response(
                body=download.body,
                content_type=XLSX,
                headers={
                    "Content-Disposition": f'attachment; filename="{download.filename}"',
                    "Cache-Control": "no-store",
                },
            )
        status = HTTPStatus.NOT_FOUND if download.use == "unknown" else HTTPStatus.GONE
        return web.Response(text=_LINK_GONE[download.use], status=status)

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/exports/{token}", exports)
    return app
