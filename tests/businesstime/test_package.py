import subprocess
import sys

from calendar_samples import MX_OFFICE
from slactl.businesstime import AlwaysOpen, Calendar


def test_both_calendars_are_calendars():
    assert isinstance(MX_OFFICE, Calendar)
    assert isinstance(AlwaysOpen(), Calendar)


def test_the_engine_imports_neither_yaml_typer_rich_nor_holidays():
    probe = "import sys, slactl.businesstime; print(sorted({'yaml', 'typer', 'rich', 'holidays'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
