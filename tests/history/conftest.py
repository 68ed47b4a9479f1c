"""The story every history test reads: a handbook repository with seven commits by three
authors between June and November 2026, built once as of 2026-11-23.

    c1 2026-06-01 Ana    all suppliers added; Brennwald still owned by Marco Bellini (no
                         2026-03-02 handover yet), Calder with a shorter category, Vantor
                         without its 2026-Q4 review and with a green Q2 conflict rating,
                         Kjølberg as suppliers/kjolberg.yaml, and a supplier "old-foundry"
    c2 2026-08-20 Ben    Brennwald: owner Marco Bellini -> Jana Horvath with a handover
    c3 2026-09-15 Chloé  Calder category completed; Vantor's past 2026-Q2 review rewritten
                         (subject full of Markdown and HTML characters)
    c4 2026-10-01 Ana    git mv suppliers/kjolberg.yaml suppliers/kjolberg-lim.yaml
    c5 2026-10-20 Ben    git rm suppliers/old-foundry.yaml
    c6 2026-11-18 Chloé  Vantor: contact Martin Král removed while open actions name him
                         (the file fails the check at this commit)
    c7 2026-11-20 Ana    Vantor: Martin Král back, 2026-Q4 review added, JAP-2 done,
                         owner Elif Demir -> Lee Chen with no handover

HEAD (c7) passes ``handbook check``; the 90-day window before 2026-11-23 starts on
2026-08-25, so c1 and c2 are older than the "What changed" page shows by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.history.gitrepo import (
    ANA,
    BEN,
    CHLOE,
    build,
    commit,
    cut,
    git,
    init_handbook,
    insert_before,
    replace,
)
from tests.samples import MINIMAL_SUPPLIER

C3_SUBJECT = "Fix Q2 | Calder *category* <b>bold</b> [link](x) #1"
MARTIN = """\
  - name: Martin Král
    side: supplier
    level: operational
    role: Planning lead
    last_contact: 2026-11-19
    next_check_in: 2026-11-26
"""
Q4_START = "  - period: 2026-Q4\n"
JAP2_OPEN = "    due: 2026-11-15\n    status: in-progress\n"
JAP2_DONE = "    due: 2026-11-15\n    status: done\n    done_on: 2026-11-20\n"
BRENNWALD_OWNER = "  name: Jana Horvath\n  email: jana.horvath@example.com\n  since: 2026-03-02\n"
MARCO_OWNER = "  name: Marco Bellini\n  email: marco.bellini@example.com\n  since: 2024-10-01\n"
CALDER_CATEGORY = "category: MRO catalogue supply and shop-floor IT support\n"
OLD_FOUNDRY = MINIMAL_SUPPLIER.replace("Acme Castings GmbH", "Old Foundry AG")


@dataclass(frozen=True)
class Story:
    repo: Path
    shas: dict[str, str]  # tag -> sha


def make_story(repo: Path) -> Story:
    init_handbook(repo)
    s = repo / "suppliers"
    vantor, brennwald, calder = (s / "vantor-elektronika.yaml", s / "brennwald-druckguss.yaml",
                                 s / "calder-technical-services.yaml")
    # c1: the June state
    q4 = cut(vantor, Q4_START, "\nactions:\n")
    replace(vantor, "      conflict_resolution: amber\n", "      conflict_resolution: green\n")
    handover = cut(brennwald, "  - date: 2026-03-02\n", "\ncontacts:\n")
    replace(brennwald, BRENNWALD_OWNER, MARCO_OWNER)
    replace(calder, CALDER_CATEGORY, "category: MRO catalogue supply\n")
    (s / "kjolberg-lim.yaml").rename(s / "kjolberg.yaml")
    (s / "old-foundry.yaml").write_text(OLD_FOUNDRY, encoding="utf-8")
    shas = {"c1": commit(repo, "Add the suppliers", ANA, "2026-06-01T10:00:00+02:00", "c1")}

    replace(brennwald, MARCO_OWNER, BRENNWALD_OWNER)
    insert_before(brennwald, "\ncontacts:\n", handover)
    shas["c2"] = commit(repo, "Brennwald: Jana Horvath takes over", BEN,
                        "2026-08-20T09:30:00+02:00", "c2")

    replace(calder, "category: MRO catalogue supply\n", CALDER_CATEGORY)
    replace(vantor, "      conflict_resolution: green\n      innovation: amber\n"
            "      partnership_value: green\n    signals:",
            "      conflict_resolution: amber\n      innovation: amber\n"
            "      partnership_value: green\n    signals:")
    shas["c3"] = commit(repo, C3_SUBJECT, CHLOE, "2026-09-15T14:00:00+02:00", "c3")

    git(repo, "mv", "suppliers/kjolberg.yaml", "suppliers/kjolberg-lim.yaml")
    shas["c4"] = commit(repo, "Rename Kjølberg to its full slug", ANA,
                        "2026-10-01T08:00:00+02:00", "c4")

    git(repo, "rm", "-q", "suppliers/old-foundry.yaml")
    shas["c5"] = commit(repo, "Old Foundry is no longer a supplier", BEN,
                        "2026-10-20T16:45:00+02:00", "c5")

    replace(vantor, MARTIN, "")
    shas["c6"] = commit(repo, "Vantor: Martin Král left", CHLOE, "2026-11-18T11:00:00+01:00",
                        "c6")

    insert_before(vantor, "  - name: Jiří Svoboda\n", MARTIN)
    insert_before(vantor, "\nactions:\n", q4)
    replace(vantor, JAP2_OPEN, JAP2_DONE)
    elif_demir = vantor.read_text(encoding="utf-8").count("Elif Demir")
    replace(vantor, "Elif Demir", "Lee Chen", count=elif_demir)
    shas["c7"] = commit(repo, "Vantor: Q4 interim review, JAP-2 done, Lee Chen takes over", ANA,
                        "2026-11-20T17:00:00+01:00", "c7")
    return Story(repo, shas)


@pytest.fixture(scope="session")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """The story repository. Read only: tests that edit files work in ``story_clone``."""
    return make_story(tmp_path_factory.mktemp("story") / "handbook")


@pytest.fixture(scope="session")
def story_site(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("story-site") / "site"
    build(story.repo, site)
    return site


@pytest.fixture()
def story_clone(story: Story, tmp_path: Path) -> Path:
    """A full clone of the story that a test may edit (tags c1..c7 included)."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(story.repo), str(clone))
    return clone
