"""The deployment profile (deployment.yml, or the file KYRA_PROFILE names) and the services it shows."""
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot import ROOT

SERVICES_FILE = ROOT / "content" / "reference" / "services.yml"


@dataclass(frozen=True)
class Profile:
    default_language: str
    country: str
    hotline: Dict
    emergency_numbers: Tuple[str, ...]
    show_unverified: bool
    handoff_to: str = ""                    # who receives warm-handoff referrals, as shown to the user
    handoff_sinks: Tuple[str, ...] = ("sqlite",)


def profile_path() -> Path:
    return Path(os.environ.get("KYRA_PROFILE") or ROOT / "deployment.yml")


@functools.lru_cache(maxsize=None)
def load_profile(path: Optional[Path] = None) -> Profile:
    data = yaml.safe_load((path or profile_path()).read_text(encoding="utf-8"))
    for key, variable in (("country", "KYRA_COUNTRY"), ("default_language", "KYRA_DEFAULT_LANGUAGE")):
        data[key] = os.environ.get(variable) or data.get(key)  # the environment overrides the file
    return Profile(
        default_language=data.get("default_language", "en"),
        country=data["country"],
        hotline=data.get("hotline") or {},
        emergency_numbers=tuple(str(n) for n in data.get("emergency_numbers", [])),
        show_unverified=bool(data.get("show_unverified", False)),
        handoff_to=str((data.get("handoff") or {}).get("to", "")),
        handoff_sinks=tuple((data.get("handoff") or {}).get("sinks") or ("sqlite",)),
    )


@functools.lru_cache(maxsize=None)
def services() -> List[Dict]:
    return yaml.safe_load(SERVICES_FILE.read_text(encoding="utf-8"))


def profile_hotline(profile: Profile) -> Optional[Dict]:
    """The services.yml entry the profile names, unless it is unverified and the profile hides those."""
    for entry in services():
        if entry.get("country") == profile.country and entry.get("organisation") == profile.hotline.get("organisation"):
            if entry.get("confidence") == "low" and not profile.show_unverified:
                return None
            return entry
    return None
