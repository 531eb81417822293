"""Static checks of the docker-compose deployment.

Docker is not needed: the files are parsed and checked against what the
deployment relies on (official images, secrets kept out of git, loopback-only
ports, an addons_path that matches what docker/Dockerfile installs).
"""

import configparser
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ODOO_CONF = ROOT / "config" / "odoo.docker.conf"
ENV_EXAMPLE = ROOT / ".env.example"

# A value that only refers to a variable, such as ${POSTGRES_PASSWORD:?message}.
INTERPOLATION = re.compile(r"^\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:[:?\-+][^}]*)?\}$")
SECRET_KEY = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN", re.IGNORECASE)


# Helpers -------------------------------------------------------------------


def dockerfile_instructions(path):
    """Return the (INSTRUCTION, arguments) pairs of a Dockerfile, continuation
    lines joined and comments dropped."""
    instructions = []
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    return instructions


def environment(service):
    """A service's environment as a dict, from either the list or the map form."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def mounts(service):
    """A service's volumes as (source, target, read_only) tuples."""
    result = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            result.append(
                (volume.get("source"), volume["target"], bool(volume.get("read_only")))
            )
            continue
        parts = volume.split(":")
        source, target = parts[0], parts[1]
        options = parts[2].split(",") if len(parts) > 2 else []
        result.append((source, target, "ro" in options))
    return result


def published_ports(service):
    """A service's published ports as (host_ip, host_port, container_port)."""
    result = []
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            result.append(
                (port.get("host_ip"), str(port.get("published")), str(port["target"]))
            )
            continue
        parts = str(port).split(":")
        if len(parts) == 3:
            result.append(tuple(parts))
        elif len(parts) == 2:
            result.append((None, parts[0], parts[1]))
        else:
            result.append((None, None, parts[0]))
    return result


def healthcheck_command(service):
    test = (service.get("healthcheck") or {}).get("test")
    if isinstance(test, str):
        return test
    assert test and test[0] in ("CMD", "CMD-SHELL"), f"unexpected healthcheck {test!r}"
    return " ".join(test[1:])


# Fixtures ------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose():
    with COMPOSE_FILE.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    assert isinstance(data, dict), "docker-compose.yml is not a mapping"
    return data


@pytest.fixture(scope="module")
def services(compose):
    return compose.get("services") or {}


@pytest.fixture(scope="module")
def dockerfile(services):
    build = services["web"]["build"]
    assert isinstance(build, dict), "web.build must name its context and dockerfile"
    return (
        ROOT / build.get("context", ".") / build.get("dockerfile", "Dockerfile")
    ).resolve()


@pytest.fixture(scope="module")
def dockerfile_steps(dockerfile):
    return dockerfile_instructions(dockerfile)


@pytest.fixture(scope="module")
def oca_addons_dir(dockerfile_steps):
    """The addons folder that the Dockerfile's `pip install --target DIR` makes
    for the OCA wheels, which ship their addons as odoo/addons/<name>."""
    for keyword, args in dockerfile_steps:
        if keyword != "RUN" or "odoo-addon-helpdesk_mgmt" not in args:
            continue
        words = shlex.split(args)
        for index, word in enumerate(words):
            if word == "--target":
                return f"{words[index + 1].rstrip('/')}/odoo/addons"
            if word.startswith("--target="):
                return f"{word.split('=', 1)[1].rstrip('/')}/odoo/addons"
    pytest.fail("docker/Dockerfile installs odoo-addon-helpdesk_mgmt without --target")


@pytest.fixture(scope="module")
def odoo_options():
    # Odoo reads its config with RawConfigParser (no %-interpolation) as well.
    parser = configparser.RawConfigParser()
    with ODOO_CONF.open(encoding="utf-8") as stream:
        parser.read_file(stream)
    assert parser.sections() == ["options"], "Odoo reads the [options] section only"
    return parser["options"]


# docker-compose.yml --------------------------------------------------------


def test_services_exist(services):
    assert {"db", "web"} <= set(services)


def test_db_uses_official_postgres_15(services):
    db = services["db"]
    assert db.get("image") == "postgres:15"
    env = environment(db)
    assert env.get("POSTGRES_USER") == "odoo"
    assert env.get("POSTGRES_DB") == "postgres"
    assert ("db-data", "/var/lib/postgresql/data", False) in mounts(db)


def test_web_is_built_from_official_odoo_18(services, dockerfile, dockerfile_steps):
    assert "image" not in services["web"] or "build" in services["web"]
    assert dockerfile == ROOT / "docker" / "Dockerfile"
    assert dockerfile.is_file()
    bases = [
        args.split()[-1] for keyword, args in dockerfile_steps if keyword == "FROM"
    ]
    assert bases == ["odoo:18"], f"docker/Dockerfile must be FROM odoo:18, not {bases}"


def test_dockerfile_installs_dependencies_and_drops_root(dockerfile_steps):
    runs = " ".join(args for keyword, args in dockerfile_steps if keyword == "RUN")
    assert re.search(r"pip install [^&;]*--no-deps[^&;]*odoo-addon-helpdesk_mgmt", runs)
    assert "odoo-addon-helpdesk_mgmt==18.0." in runs
    for package in ("phonenumbers", "xlsxwriter"):
        assert re.search(rf"pip install [^&;]*\b{package}\b", runs), package
    users = [args for keyword, args in dockerfile_steps if keyword == "USER"]
    assert users and users[-1] == "odoo", "the image must end as user odoo"


def test_web_waits_for_healthy_db(services):
    depends_on = services["web"].get("depends_on")
    assert isinstance(
        depends_on, dict
    ), "depends_on needs the long form for a condition"
    assert depends_on.get("db", {}).get("condition") == "service_healthy"


def test_healthchecks(services):
    assert "pg_isready" in healthcheck_command(services["db"])
    web_check = healthcheck_command(services["web"])
    assert "http://localhost:8069/web/health" in web_check
    assert re.search(r"\b(curl|python3?)\b", web_check)


def test_web_database_settings(services):
    env = environment(services["web"])
    assert env.get("HOST") == "db"
    assert env.get("USER") == "odoo"
    # Odoo and PostgreSQL must read the same variable.
    db_password = INTERPOLATION.match(environment(services["db"])["POSTGRES_PASSWORD"])
    web_password = INTERPOLATION.match(env.get("PASSWORD", ""))
    assert db_password and web_password
    assert db_password["name"] == web_password["name"] == "POSTGRES_PASSWORD"
    # ":?" makes compose refuse to start without it instead of using "".
    assert ":?" in env["PASSWORD"]


def test_web_volumes(services, odoo_options):
    web_mounts = mounts(services["web"])
    assert ("./addons", "/mnt/extra-addons", True) in web_mounts
    assert ("./config/odoo.docker.conf", "/etc/odoo/odoo.conf", True) in web_mounts
    assert ("odoo-data", "/var/lib/odoo", False) in web_mounts
    assert odoo_options.get("data_dir") == "/var/lib/odoo"
    for source, _target, _read_only in web_mounts:
        if source.startswith("."):
            assert (ROOT / source).exists(), f"{source} is mounted but missing"


def test_named_volumes_are_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    for service in services.values():
        for source, _target, _read_only in mounts(service):
            if not source.startswith(("/", ".", "~")):
                assert source in declared, f"volume {source} is not declared"


def test_no_literal_secret(services):
    for name, service in services.items():
        for key, value in environment(service).items():
            if SECRET_KEY.search(key) and value:
                assert INTERPOLATION.match(value), f"{name}.{key} holds a literal value"
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for line in text.splitlines():
        code = line.split("#", 1)[0]
        match = re.search(r"(PASSWORD|PASSWD)\w*\s*[:=]\s*(\S.*)$", code, re.I)
        if match:
            assert INTERPOLATION.match(match[2].strip().strip("\"'")), line


def test_env_example_documents_every_variable():
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    assert used, "docker-compose.yml should read its secrets from the environment"
    documented = set(
        re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)=", ENV_EXAMPLE.read_text(), re.M)
    )
    assert used <= documented, f"missing from .env.example: {used - documented}"


def test_only_the_proxy_is_published(services):
    """The proxy is the sole way in (Odoo trusts its X-Forwarded-* headers:
    proxy_mode); Odoo and PostgreSQL are reached on the compose network only."""
    for name, service in services.items():
        if name == "proxy":
            continue
        assert not service.get("ports"), f"{name} must not publish a port"
    proxy_ports = {
        (host, container) for _ip, host, container in published_ports(services["proxy"])
    }
    assert proxy_ports == {("80", "80"), ("443", "443")}


def test_proxy_service(compose, services, odoo_options):
    proxy = services["proxy"]
    image, _, tag = proxy["image"].partition(":")
    assert image == "nginx" and tag.startswith("1."), "the official nginx image"
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    assert proxy.get("restart") == "unless-stopped"
    targets = {target: (source, ro) for source, target, ro in mounts(proxy)}
    site, ro = targets["/etc/nginx/conf.d/default.conf"]
    assert ro
    assert site == "./config/nginx/${GRC_PROXY_SITE:-grc.conf}"
    for source in ("./config/nginx/grc.conf", "./config/nginx/grc-two-servers.conf"):
        assert (ROOT / source).is_file(), source
    assert targets["/etc/nginx/grc"] == ("./config/nginx", True)
    assert targets["/etc/nginx/tls"] == ("./config/nginx/tls", True)
    assert (ROOT / "config" / "nginx" / "tls" / "README.md").is_file()
    assert "acme" in compose["volumes"]
    assert odoo_options.getboolean("proxy_mode")


def test_second_server_shares_files_and_runs_no_cron(services):
    """web2 (profile two-servers): same image, settings, database and
    odoo-data volume (attachments and sessions) as web; no scheduled jobs."""
    web, web2 = services["web"], services["web2"]
    assert web2.get("profiles") == ["two-servers"]
    assert web2["build"] == web["build"]
    assert mounts(web2) == mounts(web)
    assert environment(web2) == environment(web)
    assert web2["depends_on"]["db"]["condition"] == "service_healthy"
    assert "--max-cron-threads=0" in web2["command"]
    assert "--max-cron-threads=0" not in (web.get("command") or [])


def test_restart_policy(services):
    for name in ("db", "web"):
        assert services[name].get("restart") == "unless-stopped", name


# config/odoo.docker.conf ---------------------------------------------------


def test_addons_path(odoo_options, oca_addons_dir):
    paths = [path.strip() for path in odoo_options["addons_path"].split(",")]
    assert paths[0] == "/mnt/extra-addons", "our addons come first"
    assert oca_addons_dir in paths
    assert "/usr/lib/python3/dist-packages/odoo/addons" in paths


def test_production_options(odoo_options):
    assert odoo_options.getboolean("proxy_mode") is True
    assert odoo_options.getboolean("list_db") is False
    assert odoo_options.getint("workers") > 0
    assert odoo_options.getint("max_cron_threads") == 1
    for limit in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu"):
        assert odoo_options.getint(limit) > 0, limit
    assert odoo_options.getint("limit_memory_soft") < odoo_options.getint(
        "limit_memory_hard"
    )


def test_no_secret_nor_connection_in_odoo_conf(odoo_options):
    # The master password is added at start by docker/grc-entrypoint.sh, and
    # the official entrypoint only passes HOST/USER/PASSWORD for unset keys.
    for key in ("admin_passwd", "db_password", "db_host", "db_user", "db_port"):
        assert key not in odoo_options, f"{key} must not be in {ODOO_CONF.name}"


# Backups ---------------------------------------------------------------------


def test_backup_service(compose, services, odoo_options):
    """A daily backup of the database and the filestore, with retention."""
    backup = services["backup"]
    # pg_dump of the server's major version.
    assert backup.get("image") == services["db"]["image"]
    assert backup.get("restart") == "unless-stopped"
    assert not backup.get("ports"), "the backup service publishes nothing"
    assert backup["depends_on"]["db"]["condition"] == "service_healthy"
    command = backup.get("command") or backup.get("entrypoint")
    command = command if isinstance(command, list) else shlex.split(command)
    assert command[-2:] == ["/opt/grc/scripts/backup.sh", "loop"]
    backup_mounts = mounts(backup)
    assert ("./scripts", "/opt/grc/scripts", True) in backup_mounts
    assert (ROOT / "scripts" / "backup.sh").is_file()
    env = environment(backup)
    # It reads the filestore where Odoo writes it, and never writes it.
    assert env["GRC_DATA_DIR"] == odoo_options.get("data_dir")
    assert ("odoo-data", env["GRC_DATA_DIR"], True) in backup_mounts
    assert ("backups", env["GRC_BACKUP_DIR"], False) in backup_mounts
    assert "backups" in (compose.get("volumes") or {})
    assert env["PGHOST"] == "db"
    assert INTERPOLATION.match(env["PGPASSWORD"])["name"] == "POSTGRES_PASSWORD"
    # Retention in days, with a default.
    keep = re.fullmatch(
        r"\$\{GRC_BACKUP_KEEP_DAYS:-(\d+)\}", env["GRC_BACKUP_KEEP_DAYS"]
    )
    assert keep and int(keep[1]) > 0
    assert re.fullmatch(r"\$\{GRC_BACKUP_AT:-\d{2}:\d{2}\}", env["GRC_BACKUP_AT"])


def test_restore_service_runs_by_hand_only(services):
    restore = services["restore"]
    assert restore.get("profiles") == ["restore"], "never started by `up`"
    entrypoint = restore["entrypoint"]
    assert entrypoint[-2:] == ["/opt/grc/scripts/backup.sh", "restore"]
    restore_mounts = mounts(restore)
    # It writes the restored filestore, and only reads the backups.
    assert ("odoo-data", environment(restore)["GRC_DATA_DIR"], False) in restore_mounts
    assert ("backups", "/backups", True) in restore_mounts


def test_hardening_loaded_before_any_database(odoo_options):
    """The 503 answered while the database is unreachable needs the
    hardening addon loaded at start (its post_load), not with a registry."""
    modules = [m.strip() for m in odoo_options["server_wide_modules"].split(",")]
    assert modules[:2] == ["base", "web"], "Odoo's own server-wide modules stay"
    assert "grc_citoyen_hardening" in modules
    manifest = ROOT / "addons" / "grc_citoyen_hardening" / "__manifest__.py"
    assert '"post_load"' in manifest.read_text(encoding="utf-8")
