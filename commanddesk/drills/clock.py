"""The drill clock: simulated time that can start, pause, run faster and jump."""

from __future__ import annotations

from datetime import datetime

from ..clock import Clock, SystemClock, ensure_utc


class DrillClock:
    """Simulated time = start + real time elapsed × speed, frozen while paused."""

    def __init__(self, sim_start: datetime, real: Clock | None = None, speed: float = 1.0) -> None:
        self.real = real or SystemClock()
        self._sim = ensure_utc(sim_start)
        self._real = self.real.now()
        self.speed = speed
        self.paused = True

    def now(self) -> datetime:
        """The simulated time now (stands still while paused)."""
        if self.paused:
            return self._sim
        return self._sim + (self.real.now() - self._real) * self.speed

    def _rebase(self) -> None:
        self._sim, self._real = self.now(), self.real.now()

    def start(self) -> None:
        """Run (or resume)."""
        if self.paused:
            self._real = self.real.now()
            self.paused = False

    def pause(self) -> None:
        """Freeze simulated time."""
        if not self.paused:
            self._rebase()
            self.paused = True

    def set_speed(self, speed: float) -> None:
        """1×, 2×, 5×, 10× … from now on."""
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._rebase()
        self.speed = speed

    def jump(self, to: datetime) -> None:
        """Move simulated time to *to* (forward only)."""
        to = ensure_utc(to)
        if to > self.now():
            self._sim, self._real = to, self.real.now()
