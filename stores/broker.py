"""The event broker of endpoints.yml: RabbitMQ when EVENT_BROKER_URL is set
(amqp://guest:guest@127.0.0.1:5672/), publishing every stored (redacted) event to the queue
EVENT_BROKER_QUEUE (default huankuan_events) through the fanout exchange EVENT_BROKER_EXCHANGE
(default Rasa's rasa-exchange), which the analytics consumer reads; no broker otherwise.

Rasa's PikaEventBroker connects before the model loads, and loading blocks the event loop for
long enough that RabbitMQ closes the channel (seen here: CHANNEL_ERROR, and every later publish
failed); it drops an event whose publish fails until the connection comes back, and logs the
event's content. Ours connects on the first event, retries each event a few times, keeps it for
the reconnection if it still fails, and logs only the kind of event that failed.
"""

import asyncio
import logging
import os
from typing import Any, Dict, Optional, Text
from urllib.parse import parse_qsl, urlencode, urlparse

import aio_pika
from rasa.core.brokers.broker import EventBroker
from rasa.core.brokers.pika import PikaEventBroker
from rasa.utils.endpoints import EndpointConfig

from analytics.events import COUNTED_EVENTS

logger = logging.getLogger(__name__)
DEFAULT_QUEUE = "huankuan_events"
DEFAULT_EXCHANGE = "rasa-exchange"  # Rasa's; one fanout exchange per deployment (EVENT_BROKER_EXCHANGE)
PUBLISH_ATTEMPTS = 8
# Model loading blocks the event loop for longer than RabbitMQ's default 60 s heartbeat.
DEFAULT_HEARTBEAT_SECONDS = "600"


def routing_key(event: Dict[Text, Any]) -> Text:
    """The event's type; `action_listen` for that action (no analytics row is kept for it)."""
    kind = str(event.get("event", ""))
    return "action_listen" if kind == "action" and event.get("name") == "action_listen" else kind


def router_name(queue: Text) -> Text:
    """The direct exchange that feeds the analytics queue the events it reads."""
    return f"{queue}.by-event"


class RetryingPikaEventBroker(PikaEventBroker):
    _connecting: Optional[asyncio.Lock] = None

    async def _set_up_exchange(self, channel: aio_pika.abc.AbstractChannel) -> aio_pika.abc.AbstractExchange:
        """Rasa's fanout exchange, and each queue fed through its router with the events it reads."""
        exchange = await channel.declare_exchange(self.exchange_name, type=aio_pika.ExchangeType.FANOUT)
        for name in self.queues:
            queue = await channel.declare_queue(name, durable=True)
            router = await channel.declare_exchange(router_name(name), type=aio_pika.ExchangeType.DIRECT, durable=True)
            await router.bind(exchange, "")
            for kind in COUNTED_EVENTS:
                await queue.bind(router, kind)
            await queue.unbind(exchange, "")  # bound straight to the fanout exchange before
        return exchange

    async def _connected(self) -> None:
        if self._exchange is not None:
            return
        if self._connecting is None:
            self._connecting = asyncio.Lock()
        async with self._connecting:
            if self._exchange is None:
                await self.connect()

    async def _publish(self, event: Dict[Text, Any], headers: Optional[Dict[Text, Text]] = None) -> None:
        delay = 0.25
        for attempt in range(PUBLISH_ATTEMPTS):
            try:
                await self._connected()
                await self._exchange.publish(self._message(event, headers), routing_key(event))
                return
            except Exception as error:  # connection or channel gone: it reconnects by itself
                if attempt == PUBLISH_ATTEMPTS - 1:
                    logger.error(
                        "event broker: a %s event could not be published (%s); kept for the reconnection",
                        event.get("event"),
                        type(error).__name__,
                    )
                    if self.should_keep_unpublished_messages:
                        self._unpublished_events.append(event)
                    return
                await asyncio.sleep(delay)
                delay = min(delay * 2, 4.0)


class EventBrokerFromEnv(EventBroker):
    @classmethod
    async def from_endpoint_config(
        cls, broker_config: Optional[EndpointConfig], event_loop: Optional[asyncio.AbstractEventLoop] = None
    ) -> Optional[EventBroker]:
        url = os.environ.get("EVENT_BROKER_URL", "").strip()
        if not url:
            return None
        parsed = urlparse(url)
        query = dict(parse_qsl(parsed.query))
        query.setdefault("heartbeat", DEFAULT_HEARTBEAT_SECONDS)
        path = parsed.path if parsed.path not in ("", "/") else "/"
        broker = RetryingPikaEventBroker(
            host=f"{parsed.scheme}://{parsed.hostname}{path}?{urlencode(query)}",
            username=parsed.username or "guest",
            password=parsed.password or "guest",
            port=parsed.port or 5672,
            queues=[os.environ.get("EVENT_BROKER_QUEUE", DEFAULT_QUEUE)],
            exchange_name=os.environ.get("EVENT_BROKER_EXCHANGE", DEFAULT_EXCHANGE),
            event_loop=event_loop,
            connection_attempts=int(os.environ.get("EVENT_BROKER_CONNECT_ATTEMPTS", "20")),
        )
        return broker  # connects on the first event (after the model has loaded)
