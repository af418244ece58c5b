"""Running KYRA on several Rasa replicas: the conversation lock and the PostgreSQL/Redis/nginx stack."""
