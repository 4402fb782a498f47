#include "ui/graphql/schemadiffdialog.h"

#include "core/update/linediff.h"
#include "ui/common/codeview.h"
#include "ui/graphql/graphqllexer.h"
#include "ui/update/diffmarkers.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace Patchbay::Ui {

SchemaDiffDialog::SchemaDiffDialog(const QString &before, const QString &after, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Schema Changes"));
    setObjectName(QStringLiteral("schemaDiffDialog"));
    auto *layout = new QVBoxLayout(this);
    const Core::LineDiff diff = Core::diffText(before, after);
    auto *summary = new QLabel(
        tr("%n line(s) added, ", nullptr, diff.addedCount())
            + tr("%n removed, since the schema was last stored.", nullptr, diff.removedCount()),
        this);
    summary->setObjectName(QStringLiteral("schemaDiffSummary"));
    layout->addWidget(summary);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_before = new CodeView(split);
    m_after = new CodeView(split);
    for (CodeView *view : {m_before, m_after}) {
        auto *lexer = new GraphQlLexer(view);
        lexer->setBaseFont(view->font());
        lexer->setPalette(view->palette());
        view->setLexer(lexer);
        DiffMarkers::install(view);
    }
    m_before->setAccessibleName(tr("Schema before"));
    m_after->setAccessibleName(tr("Schema after"));
    m_before->setText(before);
    m_after->setText(after);
    m_before->setReadOnly(true);
    m_after->setReadOnly(true);
    DiffMarkers::markLineDiff(m_before, before, m_after, after, Core::kLineDiffMaxCells);
    split->addWidget(m_before);
    split->addWidget(m_after);
    layout->addWidget(split, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1000, 640);
}

SchemaDiffDialog::~SchemaDiffDialog() = default;

} // namespace Patchbay::Ui
