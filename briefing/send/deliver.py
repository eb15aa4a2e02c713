"""The send loop: each letter handed over once, at the rate asked, retrying what is deferred."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .log import DEFERRED, SENDING, SENT, SendLog
from .message import Letter
from .progress import Counts, Progress
from .smtp import Outcome, Relay, Stop

# After this many recipients deferred one after another, it is the server that refuses
# (a rate limit, an outage), not one recipient: stop and let a later run resume.
DEFERRED_IN_A_ROW = 3


@dataclass(frozen=True)
class Pace:
    """How fast to send and how to back off after a 4xx; the clock and sleep are injected."""

    per_minute: float | None = None
    tries: int = 4  # attempts per recipient in one run
    first_wait: float = 10.0  # seconds before the first retry; doubled for each next one
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)


@dataclass(frozen=True)
class Run:
    """What one run did, and why it stopped early if it did."""

    counts: Counts
    stopped: str | None = None


class Throttle:
    """Spaces the start of each attempt to keep under `per_minute`."""

    def __init__(self, pace: Pace) -> None:
        self.pace = pace
        self.next_at: float | None = None

    def wait_turn(self) -> None:
        """Sleep until the next message may start."""
        if not self.pace.per_minute:
            return
        now = self.pace.clock()
        if self.next_at is not None and self.next_at > now:
            self.pace.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + 60 / self.pace.per_minute


def send_letters(
    letters: Iterable[Letter],
    total: int,
    *,
    relay: Relay,
    log: SendLog,
    round_number: int,
    sender: str,
    pace: Pace,
    progress: Progress,
) -> Run:
    """Send every letter, recording each step in the log; stop when the server refuses all."""
    counts = Counts(total)
    throttle = Throttle(pace)
    in_a_row = 0
    for letter in letters:
        key = letter.address.casefold()
        try:
            outcome = attempt(letter, sender, relay, throttle, pace, log, round_number)
        except Stop as stop:
            progress.finish()
            return Run(counts, str(stop))
        log.mark(round_number, key, outcome.state, outcome.detail)
        if outcome.state == SENT:
            counts = Counts(total, counts.sent + 1, counts.failed)
        else:
            counts = Counts(total, counts.sent, counts.failed + 1)
            progress.problem(f"{outcome.state}: {letter.address}: {outcome.detail}")
        progress.update(counts)
        in_a_row = in_a_row + 1 if outcome.state == DEFERRED else 0
        if outcome.stop or in_a_row >= DEFERRED_IN_A_ROW:
            progress.finish()
            why = "the server refused the sender" if outcome.stop else "the server keeps deferring"
            return Run(counts, f"{why} ({outcome.detail})")
    progress.finish()
    return Run(counts)


def attempt(
    letter: Letter,
    sender: str,
    relay: Relay,
    throttle: Throttle,
    pace: Pace,
    log: SendLog,
    round_number: int,
) -> Outcome:
    """Deliver one letter, retrying a deferral with growing waits, at most `pace.tries` times."""
    key = letter.address.casefold()

    def committing() -> None:
        log.mark(round_number, key, SENDING, "the server may have it: its answer never came")

    outcome = Outcome(DEFERRED, "not tried")
    for number in range(pace.tries):
        if number:
            # Logged at once: the last attempt may have left "sending", and the server's
            # 4xx has just said that it has nothing.
            log.mark(round_number, key, DEFERRED, outcome.detail)
            pace.sleep(pace.first_wait * 2 ** (number - 1))
        throttle.wait_turn()
        outcome = relay.deliver(sender, letter.address, letter.data, committing)
        if outcome.state != DEFERRED or outcome.stop:
            break
    return outcome
