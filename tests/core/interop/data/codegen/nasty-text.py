import json

import requests

response = requests.post(
    "https://api.example.com/notes",
    headers={
        "Content-Type": "text/plain; charset=utf-8",
        "X-Note": "it's $HOME `id` \"q\" \\ ok",
    },
    data="it's $HOME and `uname`\nline 2 \"quoted\" \\n ${x} ✓ 😀\n".encode(),
    timeout=30,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
