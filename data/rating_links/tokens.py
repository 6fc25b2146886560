"""The rating link's token: 128 random bits, shown once (in the link), kept only as a hash.

The store holds the SHA-256 of each token, so a copy of the store cannot be used to send
ratings; a token is found by its hash and then compared in constant time, and an unknown token
costs the same comparison as a known one."""

import hashlib
import hmac
import secrets

TOKEN_BYTES = 16   # 128 bits
_NOTHING = hashlib.sha256(b"no such link").hexdigest()


def new_token() -> str:
    """A fresh token for a link: 22 URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_token(token: str, stored_hash: str | None) -> bool:
    """Whether `token` is the one `stored_hash` was made from (constant time; None: no link)."""
    return hmac.compare_digest(token_hash(token), stored_hash or _NOTHING) and stored_hash is not None


def looks_like_token(text: str | None) -> bool:
    """A cheap check before touching the store: the right length and alphabet."""
    return bool(text) and 16 <= len(text) <= 64 and all(c.isalnum() or c in "-_" for c in text)


def device_hash(link_id: int, device: str) -> str:
    """The store's name for one device's cookie, for one link."""
    return hashlib.sha256(f"{link_id}:{device}".encode()).hexdigest()


def client_hash(address: str | None) -> str:
    """The store's name for a client's address (rate limits), never the address itself."""
    return hashlib.sha256(f"rating-client:{address or 'unknown'}".encode()).hexdigest()
