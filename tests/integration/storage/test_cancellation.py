"""A task cancelled inside a transaction must leave the store usable for everyone else.

Delivery workers run under ``asyncio.timeout`` and are cancelled at shutdown, so this is
an everyday event, not a corner case.
"""

import asyncio

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.ports.store import Store


async def _busy_writer(store: Store, started: asyncio.Event) -> None:
    n = 0
    while True:
        async with store.transaction() as tx:
            n += 1
            await tx.places.ensure(DISCORD, "G", f"C{n}", "n")
            started.set()
            await asyncio.sleep(0)
            await tx.commit()


async def test_cancelling_mid_transaction_leaves_the_store_usable(db_store: Store) -> None:
    for delay in (0.0, 0.001, 0.005, 0.02):
        started = asyncio.Event()
        task = asyncio.create_task(_busy_writer(db_store, started))
        await started.wait()
        await asyncio.sleep(delay)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        async with db_store.transaction() as tx:
            place = await tx.places.ensure(SLACK, "T", f"after-{delay}", "n")
            await tx.commit()
        async with db_store.transaction() as tx:
            assert await tx.places.get(place.id) == place
