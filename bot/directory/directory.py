"""Load data/directory/<cc>.yml (a structured copy of content/reference/services.yml) and check its schema."""
import functools
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import jsonschema
import yaml

from bot import ROOT

DIRECTORY_DIR = ROOT / "data" / "directory"
SCHEMA_FILE = DIRECTORY_DIR / "schema.yml"
INTERNATIONAL = "international"


def directory_files(folder: Path = DIRECTORY_DIR) -> List[Path]:
    return sorted(path for path in folder.glob("*.yml") if path.name != SCHEMA_FILE.name)


@functools.lru_cache(maxsize=None)
def schema() -> Dict:
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def schema_errors(document: Dict) -> List[str]:
    validator = jsonschema.Draft7Validator(schema())
    return [f"{'/'.join(map(str, error.path)) or '(top)'}: {error.message}" for error in validator.iter_errors(document)]


@functools.lru_cache(maxsize=None)
def load(folder: Path = DIRECTORY_DIR) -> Dict[str, Dict]:
    """{country code or 'international': file content}, each file checked against the schema."""
    documents = {}
    for path in directory_files(folder):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = schema_errors(document)
        if errors:
            raise ValueError(f"{path.name}: " + "; ".join(errors[:5]))
        documents[document.get("country") or INTERNATIONAL] = document
    return documents


def countries(folder: Path = DIRECTORY_DIR) -> List[str]:
    return sorted(code for code in load(folder) if code != INTERNATIONAL)


def services_of(country: Optional[str], folder: Path = DIRECTORY_DIR) -> List[Dict]:
    document = load(folder).get(country or INTERNATIONAL)
    return [dict(service, country=country) for service in (document or {}).get("services", [])]


def all_services(folder: Path = DIRECTORY_DIR) -> Iterator[Dict]:
    for code in load(folder):
        yield from services_of(None if code == INTERNATIONAL else code, folder)


def emergency_of(country: Optional[str], folder: Path = DIRECTORY_DIR) -> List[Dict]:
    """The country's emergency numbers, general ones (112, 911, 999…) first."""
    numbers = (load(folder).get(country) or {}).get("emergency", []) if country else []
    return sorted(numbers, key=lambda number: number["service"] != "general")
