"""The GitHub Actions workflow parses and runs the test, check, build and deploy steps."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).parent.parent / ".github" / "workflows" / "site.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_runs_on_push_pull_request_and_daily() -> None:
    triggers = load()["on"]
    assert "push" in triggers and "pull_request" in triggers
    assert len(triggers["schedule"]) == 1 and triggers["schedule"][0]["cron"].endswith("* * *")


def test_build_job_tests_checks_and_builds() -> None:
    steps = load()["jobs"]["build"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    runs = [step.get("run", "") for step in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert "make test" in runs
    assert any("build.py check" in r for r in runs)
    assert any("build.py build" in r for r in runs)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site" and "refs/heads/main" in upload["if"]


def test_build_restores_the_cache_and_last_site_from_the_previous_run() -> None:
    steps = load()["jobs"]["build"]["steps"]
    names = [step.get("uses", step.get("run", "")) for step in steps]
    restore = next(i for i, name in enumerate(names) if name.startswith("actions/cache@"))
    build = next(i for i, name in enumerate(names) if "build.py build" in name)
    assert restore < build and "--no-cache" not in names[build]
    cache = steps[restore]["with"]
    assert cache["path"].split() == [".briefing-cache", "site"]
    # Every run saves under its commit and restores the newest entry of its branch or any.
    assert "github.sha" in cache["key"]
    assert all(cache["key"].startswith(key) for key in cache["restore-keys"].splitlines())


def test_deploy_job_publishes_main_to_pages() -> None:
    jobs = load()["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
