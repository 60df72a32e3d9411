from pathlib import Path

from flask import Flask, has_request_context, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import Config, secret_key
from app.extensions import babel, csrf, db, login, migrate, socketio


def create_app(overrides=None):
    app = Flask(__name__, instance_path=Config.INSTANCE_PATH)
    app.config.from_object(Config)
    app.config.update(overrides or {})
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or secret_key()
    app.logger.setLevel(app.config["LOG_LEVEL"])
    _init_extensions(app)
    _register_blueprints(app)
    from app import (
        cli,
        compression,
        errors,
        icons,
        mail_cli,
        simple_language,
        templating,
        translate_cli,
        unit_of_work,
    )

    errors.register(app)
    icons.register(app)
    templating.register(app)
    simple_language.register(app)
    cli.register(app)
    translate_cli.register(app)
    mail_cli.register(app)
    compression.register(app)
    unit_of_work.register(app)  # registered last: commits before the others run
    return app


def _init_extensions(app):
    from app.ratelimit import init_limiter
    from app.services.accounts import organiser_by_session_token

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(app.root_path).parent / "migrations"),
        render_as_batch=True,
    )
    csrf.init_app(app)
    login.init_app(app)
    login.login_view = "auth.login"
    login.user_loader(organiser_by_session_token)
    login.unauthorized_handler(_unauthorized)
    babel.init_app(app, locale_selector=select_locale)
    init_limiter(app)
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"],
        channel=app.config["SOCKETIO_CHANNEL"],
    )
    from app.live.connections import QuietDisconnects

    app.wsgi_app = QuietDisconnects(app.wsgi_app)
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from app.database import enable_sqlite_wal

        enable_sqlite_wal(app)


def _register_blueprints(app):
    from app import live  # noqa: F401  (registers the Socket.IO handlers)
    from app.accessibility import bp as accessibility_bp
    from app.auth import bp as auth_bp
    from app.feedback import bp as feedback_bp
    from app.gallery import bp as gallery_bp
    from app.hosts import bp as hosts_bp
    from app.interpretation import bp as interpretation_bp
    from app.mailing import bp as mailing_bp
    from app.moderation import bp as moderation_bp
    from app.organisations import bp as organisations_bp
    from app.organiser import bp as organiser_bp
    from app.participation import bp as participation_bp
    from app.photos import bp as photos_bp
    from app.process_reports import bp as process_reports_bp
    from app.processes import bp as processes_bp
    from app.programme import bp as programme_bp
    from app.reports import bp as reports_bp
    from app.review import bp as review_bp
    from app.tablets import bp as tablets_bp
    from app.voting import bp as voting_bp

    blueprints = (
        auth_bp,
        organiser_bp,
        moderation_bp,
        participation_bp,
        photos_bp,
        reports_bp,
        mailing_bp,
        interpretation_bp,
        programme_bp,
        hosts_bp,
        gallery_bp,
        voting_bp,
        tablets_bp,
        processes_bp,
        process_reports_bp,
        feedback_bp,
        review_bp,
        organisations_bp,
        accessibility_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def select_locale():
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if session.get("locale") in languages:
        return session["locale"]
    return (
        request.accept_languages.best_match(languages)
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def _unauthorized():
    """Organiser pages send a browser to the login; actions get a plain refusal."""
    from flask import abort, redirect, url_for

    from app.errors import wants_json

    if request.method == "GET" and not wants_json():
        return redirect(url_for("auth.login", next=request.path))
    abort(403)
