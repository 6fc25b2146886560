"""rating-link: open a rating window for a session and print its link (the store keeps only a
hash of it, so this is the one time it is shown)."""

from pathlib import Path

from cli.actor import command_line_actor
from cli.refusal import refused_on
from data.rating_links.links import DEFAULT_HOURS, LinkProblem, open_link
from data.rating_links.qr import qr_png, qr_svg, rating_url
from measures import formatting
from models.schema import open_store
from models.settings import get_setting

LOCAL_URL = "http://localhost:8501"


HELP = "open a session for young people to rate from a link or QR code, and print the link"
DESCRIPTION = ("Open a rating window for a session: young people open the link (or scan its QR code) and rate the "
               "session with no account. The link is printed once; the store keeps only a hash of it. The address "
               "comes from the public_url setting (else http://localhost:8501).")


def register(commands) -> None:
    parser = commands.add_parser("rating-link", help=HELP, description=DESCRIPTION)
    parser.add_argument("session_code", metavar="SESSION_CODE")
    parser.add_argument("--hours", type=float, default=DEFAULT_HOURS,
                        help=f"how long it stays open (default {DEFAULT_HOURS})")
    parser.add_argument("--framework", help="the framework's code (default: the one rated most)")
    parser.add_argument("--qr", type=Path, metavar="FILE", help="also write the QR code (.png or .svg)")
    parser.set_defaults(handler=run_rating_link)


def run_rating_link(args) -> int:
    engine = open_store()
    with refused_on(LinkProblem, "No link opened"):
        link = open_link(engine, args.session_code, command_line_actor(), hours=args.hours, framework=args.framework)
    url = rating_url((get_setting(engine, "public_url") or "").strip() or LOCAL_URL, link.token)
    print(url)
    print(f"Open until {formatting.day(link.expires_at)} {formatting.clock(link.expires_at)} (UTC) for session "
          f"{link.session_code}, framework {link.framework}, up to {formatting.plural(link.max_responses, 'answer')}.")
    if args.qr:
        args.qr.write_bytes(qr_svg(url) if args.qr.suffix.lower() == ".svg" else qr_png(url))
        print(f"QR code written to {args.qr}")
    return 0
