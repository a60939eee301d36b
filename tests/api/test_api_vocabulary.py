"""One vocabulary: every query parameter of the API is a `detente query` option of the same
name (dashed) and help, both read from detente.vocabulary; the CSV downloads take their lists'
filters."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from api_client import TestClient

from detente.cli.query import query_app
from detente.vocabulary import PARAMETERS

# `detente query` command → the API route answering the same question
COMMANDS = {
    "dyad": "/api/dyad",
    "actors": "/api/actors",
    "dyads": "/api/dyads",
    "network": "/api/network",
    "events": "/api/events",
    "quotes": "/api/quotes",
}
CLI_ONLY = {"db", "as_json"}  # where the CLI reads, how it prints
PAGING = {"limit", "offset", "after"}


def api_parameters(client: TestClient, path: str) -> dict[str, dict[str, Any]]:
    spec = client.get("/openapi.json").json()["paths"][path]["get"]
    return {p["name"]: p for p in spec.get("parameters", []) if p["in"] == "query"}


def cli_parameters(command: str) -> dict[str, Any]:
    """Name → the option or argument of `detente query COMMAND` (typer's own click types)."""
    group: Any = typer.main.get_command(query_app)
    found = group.commands[command].params
    return {p.name: p for p in found if p.name is not None and p.name not in CLI_ONLY}


@pytest.mark.parametrize(("command", "path"), COMMANDS.items())
def test_the_cli_and_the_api_take_the_same_names(
    client: TestClient, command: str, path: str
) -> None:
    api, cli = api_parameters(client, path), cli_parameters(command)
    assert set(api) == set(cli)
    assert set(api) <= set(PARAMETERS)
    for name, parameter in cli.items():
        help_text = PARAMETERS[name].help
        assert api[name]["description"].startswith(help_text), name
        if isinstance(parameter, typer.core.TyperOption):
            assert PARAMETERS[name].option in parameter.opts, name
        assert (parameter.help or "").startswith(help_text), name


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes"])
def test_a_download_takes_its_list_s_filters(client: TestClient, path: str) -> None:
    assert set(api_parameters(client, f"{path}.csv")) == set(api_parameters(client, path)) - PAGING


def test_old_names_point_to_their_successors() -> None:
    old = {old: p.name for p in PARAMETERS.values() for old in p.formerly}
    assert old == {"quad": "quad_class", "type": "plover_type", "document": "document_id"}
    assert not set(old) & set(PARAMETERS)  # an old name is never a name again
