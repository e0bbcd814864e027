"""Translate asyncpg exceptions into ``StorageError`` subclasses."""

from __future__ import annotations

import asyncpg

from bot.errors import (
    ConflictError,
    InvalidDataError,
    NotFoundError,
    StorageError,
    StorageUnavailableError,
)

__all__ = ["DRIVER_ERRORS", "translate"]

#: What may escape asyncpg: server errors, client-side errors, sockets and timeouts.
DRIVER_ERRORS: tuple[type[Exception], ...] = (
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    OSError,
    TimeoutError,
)

_UNAVAILABLE: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.InvalidCatalogNameError,
    asyncpg.InvalidAuthorizationSpecificationError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.InterfaceError,
    # raised when a connection the server dropped is used again
    asyncpg.InternalClientError,
    OSError,
    TimeoutError,
)


def translate(exc: BaseException, target: str) -> StorageError:
    """The ``StorageError`` to raise instead of ``exc``; ``target`` is the redacted URL."""
    detail = getattr(exc, "detail", None)
    message = f"{exc}" + (f" ({detail})" if detail else "")
    if isinstance(exc, asyncpg.UniqueViolationError):
        return ConflictError(f"that record already exists: {message}")
    if isinstance(exc, asyncpg.ForeignKeyViolationError):
        return NotFoundError(f"a record it refers to does not exist: {message}")
    if isinstance(
        exc,
        asyncpg.IntegrityConstraintViolationError
        | asyncpg.DataError
        | asyncpg.exceptions.DataError,
    ):
        return InvalidDataError(f"the data does not fit the schema: {message}")
    if isinstance(exc, asyncpg.exceptions.TransactionRollbackError):
        return ConflictError(f"a concurrent transaction got in the way, try again: {message}")
    if isinstance(exc, _UNAVAILABLE):
        return StorageUnavailableError(
            f"PostgreSQL database {target} is unavailable: {type(exc).__name__}: {message}"
        )
    return StorageError(f"PostgreSQL database {target} failed: {message}")
