"""Chat with a running KYRA server in the terminal (`make shell`). Buttons are numbered: type the number."""
import json
import os
import sys
import urllib.request
import uuid

RASA_URL = os.environ.get("RASA_URL", f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")


def send(sender: str, text: str) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{RASA_URL}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def main() -> None:
    sender, buttons = uuid.uuid4().hex, []
    print(f"KYRA at {RASA_URL}. Write in any language; /quit ends.")
    for line in sys.stdin if not sys.stdin.isatty() else iter(lambda: input("> "), None):
        line = line.strip()
        if line == "/quit":
            break
        if line.isdigit() and 0 < int(line) <= len(buttons):
            line = buttons[int(line) - 1]["payload"]
        try:
            replies = send(sender, line)
        except OSError as error:
            print(f"(no answer from {RASA_URL}: {error}; is `make run` running?)")
            continue
        buttons = []
        for reply in replies:
            custom = reply.get("custom") or {}
            print(custom.get("text", "") if custom.get("kyra") == "services" else reply.get("text", ""))
            for button in reply.get("buttons", []):
                buttons.append(button)
                print(f"  [{len(buttons)}] {button['title']}")


if __name__ == "__main__":
    main()
