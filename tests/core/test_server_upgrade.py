"""A team's server database at an older revision is upgraded when a member opens it (in one
transaction: PostgreSQL's DDL is transactional), keeping its data."""

import pytest
from alembic import command

from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.db import alembic_config, head_revision
from tests.factories import TODAY, make_supplier

pytestmark = pytest.mark.postgresql_only


def test_an_older_server_database_upgrades_on_open(workspace, db_target, tmp_path):
    workspace.suppliers.save(make_supplier("Kept Co."))
    config = alembic_config()
    with workspace.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    workspace.close()
    reopened = Workspace.open(db_target, today=lambda: TODAY, data_dir=tmp_path / "member")
    try:
        assert reopened.db.current_revision() == head_revision()
        assert [row.name for row in reopened.suppliers.rows()] == ["Kept Co."]
    finally:
        reopened.close()
