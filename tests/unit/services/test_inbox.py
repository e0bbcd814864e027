import asyncio
import random

from bot.services.inbox import Inbox


async def test_jobs_run_one_at_a_time_in_arrival_order() -> None:
    inbox = Inbox("test")
    done: list[int] = []
    running = 0

    def job(n: int):  # type: ignore[no-untyped-def]
        async def run() -> None:
            nonlocal running
            running += 1
            assert running == 1
            await asyncio.sleep(random.random() / 1000)
            done.append(n)
            running -= 1

        return run

    for n in range(50):
        inbox.submit(job(n))
    await inbox.join()
    assert done == list(range(50))
    await inbox.close()


async def test_held_jobs_wait_for_release_and_a_failure_does_not_stop_the_rest() -> None:
    inbox = Inbox("test", held=True)
    done: list[str] = []

    async def fail() -> None:
        raise RuntimeError("bad event")

    async def ok() -> None:
        done.append("ok")

    inbox.submit(fail)
    inbox.submit(ok)
    await asyncio.sleep(0.01)
    assert done == [] and inbox.held
    inbox.release()
    await inbox.join()
    assert done == ["ok"]
    await inbox.close()
