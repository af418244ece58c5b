"""A tiny stand-in for the Rasa server's HTTP endpoints the Telegram front end uses, with canned replies."""
import asyncio
from typing import Any, Dict, List, Optional

from aiohttp import web

LONG_PARAGRAPH = ("Tienes derecho a que te paguen por tu trabajo. Guarda tus nóminas, mensajes y recibos. "
                  "Una oficina de trabajo puede ayudarte a reclamar. ")

SERVICES = {
    "kyra": "services", "language": "es", "text": "Estos servicios pueden ayudarte en España: …",
    "intro": "Estos servicios pueden ayudarte en España:",
    "emergency": [{"number": "112", "tel": "tel:112", "label": "Emergencias"}],
    "services": [
        {"name": "Policía Nacional – línea contra la trata de seres humanos", "type": "anti_trafficking_hotline",
         "type_label": "Línea contra la trata",
         "phones": [{"display": "900 10 50 90", "e164": "+34900105090", "international": "+34 900 10 50 90",
                     "tel": "tel:+34900105090", "label": None}],
         "sms": [], "whatsapp": [{"display": "+974 6006 0601", "e164": "+97460060601", "url": "https://wa.me/97460060601"}],
         "emails": ["trata@policia.es"], "web": "https://www.policia.es",
         "social": [{"network": "x", "handle": "@policia", "url": "https://twitter.com/policia"},
                    {"network": "evil", "handle": "x", "url": "javascript:alert(1)"}],
         "badges": ["24 horas", "Gratis", "Anónimo"], "not_police": False, "languages": ["español"], "hours": None,
         "unverified": False, "source": "https://policia.es", "source_date": "2024-04-26",
         "source_line": "Fuente: policia.es, 2024-04-26"},
        {"name": "Línea 016 <violencia>", "type": "helpline", "type_label": "Línea de ayuda",
         "phones": [{"display": "016", "e164": None, "international": None, "tel": "tel:016", "label": None}],
         "sms": [], "whatsapp": [], "emails": [], "web": "tel:016", "social": [], "badges": [], "not_police": True,
         "hours": None, "unverified": True, "source_line": "Fuente: igualdad.gob.es, 2024-05-01"},
    ],
    "labels": {"phone": "Teléfono", "sms": "SMS", "whatsapp": "WhatsApp", "email": "Correo", "web": "Web",
               "social": "Redes", "copy": "Copiar", "unverified": "Sin verificar", "not_police": "No es la policía",
               "police": "Es la policía"},
}


def reply_to(message: str) -> Any:
    if message == "/greet":
        return [{"text": "Hola, soy KYRA.", "buttons": [{"title": "Menú", "payload": "/menu"},
                                                         {"title": "Idioma", "payload": "/choose_language"}]}]
    if message == "largo":
        return [{"text": "\n".join([LONG_PARAGRAPH * 4] * 12)}]  # about 6 000 characters, 12 paragraphs
    if message == "servicios":
        return [{"text": "Aquí tienes ayuda:"}, {"custom": SERVICES}, {"custom": {"something": "else"}}]
    if message == "botones":
        payload = '/choose_language{"language_choice": "ne", "note": "' + "x" * 80 + '"}'
        return [{"text": "¿Quieres que busque un servicio?",
                 "buttons": [{"title": "Sí", "payload": "/affirm"}, {"title": "Nepali", "payload": payload}]}]
    if message == "vacío":
        return []
    if message == "error":
        return None  # -> HTTP 500
    return [{"text": f"eco: {message}"}]


class FakeRasa:
    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.messages: List[Dict[str, Any]] = []
        self.forgotten: List[str] = []
        self.forget_headers: List[Optional[str]] = []
        self.languages: Dict[str, str] = {}
        self._runner: Optional[web.AppRunner] = None
        self.url = ""

    async def start(self) -> "FakeRasa":
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_post("/webhooks/privacy/forget", self._forget)
        app.router.add_get("/conversations/{sender}/tracker", self._tracker)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.messages.append(body)
        if self.delay:
            await asyncio.sleep(self.delay)
        if body["message"] == "despacio":  # the REST channel's rate limit (bot/channels/rest.py)
            return web.json_response([{"recipient_id": body["sender"], "text": "Vas muy rápido."}], status=429,
                                     headers={"Retry-After": "3"})
        replies = reply_to(body["message"])
        if replies is None:
            return web.Response(status=500)
        return web.json_response([dict(r, recipient_id=body["sender"]) for r in replies])

    async def _forget(self, request: web.Request) -> web.Response:
        self.forgotten.append((await request.json())["sender"])
        self.forget_headers.append(request.headers.get("Authorization"))
        return web.json_response({"erased": True})

    async def _tracker(self, request: web.Request) -> web.Response:
        return web.json_response({"sender_id": request.match_info["sender"], "events": None,
                                  "slots": {"language": self.languages.get(request.match_info["sender"])}})
