"""The key that signs sign-in cookies: never a default.

Taken from Streamlit secrets (`cookie_key`) or the environment (`COPROD_COOKIE_KEY`); otherwise
generated randomly once per installation and kept in the store (never in git).
"""

import os
import secrets

from models.settings import get_setting, set_setting

ENV_VARIABLE = "COPROD_COOKIE_KEY"
SETTING = "cookie_key"
MIN_LENGTH = 32
# Keys copied from documentation and examples: anyone could forge cookies signed with them.
KNOWN_DEFAULTS = {"some_signature_key", "random_signature_key", "some_key", "abcdef", "secret", "key",
                  "changeme", "change-me", "cookie_key", "your_secret_key", "streamlit"}


class InsecureCookieKey(RuntimeError):
    pass


def check(key: str, source: str) -> str:
    if key.strip().lower() in KNOWN_DEFAULTS:
        raise InsecureCookieKey(f"The cookie key from {source} is a well-known default: set a random one "
                                f"(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))').")
    if len(key) < MIN_LENGTH:
        raise InsecureCookieKey(f"The cookie key from {source} is shorter than {MIN_LENGTH} characters.")
    return key


def cookie_key(engine, from_secrets: str | None = None) -> str:
    if from_secrets:
        return check(from_secrets, "Streamlit secrets (cookie_key)")
    if os.environ.get(ENV_VARIABLE):
        return check(os.environ[ENV_VARIABLE], f"the {ENV_VARIABLE} environment variable")
    stored = get_setting(engine, SETTING)
    if stored:
        return check(stored, "the store")
    generated = secrets.token_urlsafe(48)
    set_setting(engine, SETTING, generated)
    return get_setting(engine, SETTING)  # another process may have written first: use what is stored
