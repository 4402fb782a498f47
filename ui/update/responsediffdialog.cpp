#include "ui/update/responsediffdialog.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/update/jsonchanges.h"
#include "core/update/linediff.h"
#include "ui/common/accessibility.h"
#include "ui/common/codeview.h"
#include "ui/update/diffmarkers.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

// Bodies larger than this are compared only in their first bytes.
constexpr qint64 kMaxCompareBytes = 8 * 1024 * 1024;

QString optionalJson(const std::optional<Core::JsonValue> &value)
{
    return value ? QString::fromUtf8(Core::toJson(*value, Core::JsonStyle::Compact))
                 : ResponseDiffDialog::tr("(absent)");
}

QColor changeColour(Core::JsonChange::Kind kind)
{
    switch (kind) {
    case Core::JsonChange::Kind::Added:
        return DiffMarkers::colour(DiffMarkers::Added);
    case Core::JsonChange::Kind::Removed:
        return DiffMarkers::colour(DiffMarkers::Removed);
    case Core::JsonChange::Kind::Changed:
        break;
    }
    return DiffMarkers::colour(DiffMarkers::Changed);
}

QString headerValues(const Core::Response &r, const QByteArray &name)
{
    QStringList values;
    for (const QByteArray &v : r.headerValues(name))
        values.append(QString::fromLatin1(v));
    return values.join(QLatin1String(", "));
}

QString statusText(const Core::Response &r)
{
    if (r.isError())
        return ResponseDiffDialog::tr("no response (%1)").arg(Core::errorKindName(r.errorKind));
    return QStringLiteral("%1 %2").arg(r.statusCode).arg(r.reason);
}

} // namespace

ResponseDiffDialog::ResponseDiffDialog(const QString &leftLabel, const Core::Response &left,
                                       const QString &rightLabel, const Core::Response &right,
                                       QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_meta(new QTreeWidget(this))
    , m_json(new QTreeWidget(this))
    , m_text(new CodeView(this))
{
    setWindowTitle(tr("Compare responses"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_meta->setRootIsDecorated(false);
    m_meta->setHeaderLabels({tr("What"), leftLabel, rightLabel});
    const auto addMeta = [this](const QString &what, const QString &a, const QString &b) {
        auto *row = new QTreeWidgetItem(m_meta, {what, a, b});
        const DiffMarkers::Marker m = a.isEmpty() ? DiffMarkers::Added
            : b.isEmpty()                         ? DiffMarkers::Removed
                                                  : DiffMarkers::Changed;
        for (int c = 0; c < 3; ++c)
            row->setBackground(c, DiffMarkers::colour(m));
    };
    int metaDifferences = 0;
    if (statusText(left) != statusText(right)) {
        addMeta(tr("Status"), statusText(left), statusText(right));
        ++metaDifferences;
    }
    QList<QByteArray> names;
    for (const Core::Response *r : {&left, &right}) {
        for (const Core::HttpHeader &h : r->headers) {
            const QByteArray lower = h.name.toLower();
            if (!names.contains(lower))
                names.append(lower);
        }
    }
    for (const QByteArray &name : names) {
        const QString a = headerValues(left, name);
        const QString b = headerValues(right, name);
        if (a != b) {
            addMeta(QString::fromLatin1(name), a, b);
            ++metaDifferences;
        }
    }

    const QByteArray leftBody = left.body.peek(kMaxCompareBytes);
    const QByteArray rightBody = right.body.peek(kMaxCompareBytes);
    const Core::Result<Core::JsonValue> leftJson = Core::parseJson(leftBody);
    const Core::Result<Core::JsonValue> rightJson = Core::parseJson(rightBody);
    m_jsonDiff = leftJson.ok() && rightJson.ok();
    QString bodySummary;
    if (m_jsonDiff) {
        m_json->setRootIsDecorated(false);
        m_json->setHeaderLabels({tr("Field"), tr("Change"), leftLabel, rightLabel});
        const QList<Core::JsonChange> changes = Core::diffJson(leftJson.value(), rightJson.value());
        for (const Core::JsonChange &c : changes) {
            auto *row = new QTreeWidgetItem(
                m_json,
                {c.pointer.isRoot() ? tr("(whole document)") : c.pointer.toString(),
                 Core::jsonChangeKindName(c.kind), optionalJson(c.before), optionalJson(c.after)});
            for (int col = 0; col < 4; ++col)
                row->setBackground(col, changeColour(c.kind));
        }
        for (int col = 0; col < 4; ++col)
            m_json->resizeColumnToContents(col);
        bodySummary = changes.isEmpty()
            ? tr("The JSON bodies are the same (member order and number spelling aside).")
            : tr("%n field(s) of the JSON bodies differ.", nullptr, int(changes.size()));
        m_text->setVisible(false);
    } else {
        m_json->setVisible(false);
        const Core::LineDiff diff
            = Core::diffText(QString::fromUtf8(leftBody), QString::fromUtf8(rightBody));
        QString text;
        QList<DiffMarkers::Marker> marks;
        for (const Core::LineDiffEntry &e : diff.entries) {
            switch (e.kind) {
            case Core::LineDiffEntry::Kind::Same:
                text += QStringLiteral("  ");
                break;
            case Core::LineDiffEntry::Kind::Removed:
                text += QStringLiteral("- ");
                break;
            case Core::LineDiffEntry::Kind::Added:
                text += QStringLiteral("+ ");
                break;
            }
            text += e.text + u'\n';
        }
        m_text->setReadOnly(true);
        m_text->setText(text);
        DiffMarkers::install(m_text);
        for (qsizetype i = 0; i < diff.entries.size(); ++i) {
            const auto kind = diff.entries[i].kind;
            if (kind != Core::LineDiffEntry::Kind::Same) {
                DiffMarkers::mark(m_text, int(i),
                                  kind == Core::LineDiffEntry::Kind::Added ? DiffMarkers::Added
                                                                           : DiffMarkers::Removed);
            }
        }
        bodySummary = diff.isSame() ? tr("The bodies are the same.")
                                    : tr("Text diff: %1 line(s) removed, %2 added.")
                                          .arg(diff.removedCount())
                                          .arg(diff.addedCount());
        if (!diff.exact)
            bodySummary += tr(" The bodies differ too much to align line by line.");
    }
    m_summary->setText(tr("%1 ↔ %2. %3 %4")
                           .arg(leftLabel, rightLabel,
                                metaDifferences == 0 ? tr("Status and headers are the same.")
                                                     : tr("%n status or header difference(s).",
                                                          nullptr, metaDifferences),
                                bodySummary));
    m_meta->setVisible(metaDifferences > 0);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_meta);
    split->addWidget(m_json);
    split->addWidget(m_text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    Accessibility::describeButtons(buttons);
    Accessibility::describe(m_meta, tr("Status and header differences"),
                            tr("What differs between the two responses besides the body"));
    Accessibility::describe(m_json, tr("Body differences"),
                            tr("Each JSON value that was added, removed or changed, by path"));
    Accessibility::describe(m_text, tr("Text differences"),
                            tr("The two bodies line by line, with the changed lines marked"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(900, 650);
}

ResponseDiffDialog::~ResponseDiffDialog() = default;

} // namespace Patchbay::Ui
