#pragma once

#include "core/http/response.h"

#include <QDialog>

class QLabel;
class QTreeWidget;

namespace Patchbay::Ui {

class CodeView;

// Compares two responses: status and header differences, then a semantic JSON diff of the
// bodies (member order and number spelling do not count), or a line diff when either body is
// not JSON.
class ResponseDiffDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseDiffDialog)

public:
    ResponseDiffDialog(const QString &leftLabel, const Core::Response &left,
                       const QString &rightLabel, const Core::Response &right,
                       QWidget *parent = nullptr);
    ~ResponseDiffDialog() override;

    bool isJsonDiff() const { return m_jsonDiff; }
    QLabel *summaryLabel() const { return m_summary; }
    // Status and header rows: (what, left, right).
    QTreeWidget *metaTree() const { return m_meta; }
    // JSON changes: (field, change, left, right). Empty for a text diff.
    QTreeWidget *jsonTree() const { return m_json; }
    // Unified text diff ("- " / "+ " / "  " lines). Empty for a JSON diff.
    CodeView *textView() const { return m_text; }

private:
    bool m_jsonDiff = false;
    QLabel *m_summary = nullptr; // owned (child)
    QTreeWidget *m_meta = nullptr; // owned (child)
    QTreeWidget *m_json = nullptr; // owned (child)
    CodeView *m_text = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
