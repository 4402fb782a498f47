#pragma once

#include "core/http/request.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace Patchbay::Ui {

class KeyValueModel;
class KeyValueTableView;

// The Headers tab of RequestEditor: the user's headers (with completion of common names and
// values) and, below, the headers Patchbay adds by itself as the request would go out now.
class RequestHeadersPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestHeadersPane)

public:
    explicit RequestHeadersPane(QWidget *parent = nullptr);

    // Every row but blank ones, enabled or not.
    Core::KeyValueList headers() const;
    // Shows `headers`; does not emit edited().
    void setHeaders(const Core::KeyValueList &headers);
    // Rows that are enabled and filled (the tab's title counts them).
    int enabledCount() const;
    // Lists what prepareRequest() adds to `request` (from its body, auth and the defaults),
    // without reading files: their sizes come from the file system.
    void showAutomaticHeaders(const Core::Request &request);
    void setVariableLookup(const VariableLookup &lookup);
    KeyValueTableView *view() const { return m_view; }

signals:
    // The user changed a header.
    void edited();

private:
    KeyValueModel *m_model = nullptr; // owned (child)
    KeyValueTableView *m_view = nullptr; // owned (child)
    QTableWidget *m_automatic = nullptr; // owned (child)
    QLabel *m_automaticNote = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
