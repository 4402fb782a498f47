#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Patchbay::Ui {

// How a response body is best shown.
enum class BodyKind {
    Empty,
    Json, // pretty-printable
    Text, // UTF-8 text
    Image, // image/* that QImage may decode
    Binary, // not UTF-8 text: hex
};

// Decides from the Content-Type header and the first bytes of the body (64 KiB are plenty).
// JSON is recognised by its media type (application/json, anything+json) or, for other text,
// by a first non-space byte of '{' or '['.
BodyKind sniffBody(QByteArrayView contentType, QByteArrayView head);

// Whether `bytes` is UTF-8 without NUL bytes. With `truncated`, an incomplete sequence at the
// very end is accepted (the head of a longer body may cut a character in two).
bool isUtf8Text(QByteArrayView bytes, bool truncated);

} // namespace Patchbay::Ui
