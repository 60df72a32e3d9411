"""The address phones use to reach this laptop: QR codes must carry a reachable URL."""

import ipaddress
import socket

from flask import current_app, has_request_context, request, url_for

# Headers a reverse proxy adds: to a proxy on this machine, every visitor is local.
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP")


def lan_address():
    """This machine's LAN IPv4 address, or 127.0.0.1 when it has none.

    Connecting a UDP socket only asks the kernel for a route; no packet is sent.
    A hotspot without internet may have no default route, so the host's own
    addresses are the fallback.
    """
    candidates = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            candidates.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        candidates.extend(info[4][0] for info in infos)
    except OSError:
        pass
    for address in candidates:
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return "127.0.0.1"


def base_url():
    """PUBLIC_BASE_URL, else the address the organiser's browser used if phones can
    reach it too, else the detected LAN address."""
    config = current_app.config
    if config["PUBLIC_BASE_URL"]:
        return config["PUBLIC_BASE_URL"]
    if has_request_context() and not is_loopback(request.host.rsplit(":", 1)[0]):
        return request.host_url.rstrip("/")
    return f"http://{lan_address()}:{config['PORT']}"


def mail_base_url():
    """The base of links in mails that open an account: never from the request's
    Host header, which whoever sends the request chooses."""
    config = current_app.config
    return config["PUBLIC_BASE_URL"] or f"http://{lan_address()}:{config['PORT']}"


def public_url(path):
    return base_url() + path


def join_url(event):
    """The event's join link as phones reach it: QR codes, projector, event page."""
    return public_url(url_for("participation.join_event", token=event.join_token))


def from_this_machine():
    """Whether a browser on this machine sent the request: from a loopback
    address, not passed on by a proxy, and no PUBLIC_BASE_URL (with one, the
    server is reached from elsewhere, typically through a proxy)."""
    if current_app.config["PUBLIC_BASE_URL"]:
        return False
    if any(name in request.headers for name in PROXY_HEADERS):
        return False
    return is_loopback(request.remote_addr or "")


def is_loopback(host):
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
