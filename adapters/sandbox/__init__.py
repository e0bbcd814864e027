"""``briefbot sandbox``: the whole product on one machine, with no platform account.

Both emulators, the real bot connected to them, SQLite under ``data/`` and the web server,
with a page at ``/`` that shows Discord ``#news`` and Slack ``#news`` side by side.
"""

from adapters.sandbox.errors import SandboxError
from adapters.sandbox.runner import Sandbox, SandboxOptions, run_sandbox

__all__ = ["Sandbox", "SandboxError", "SandboxOptions", "run_sandbox"]
