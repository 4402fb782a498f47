#include "ui/runner/testseditor.h"
#include "ui/common/accessibility.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Core;

namespace {

enum AssertionColumn { AEnabled, AKind, ATarget, AExpected, AResult, ACount };
enum CaptureColumn { CEnabled, CVariable, CSource, CPath, CResult, CCount };

QString kindLabel(AssertionKind kind)
{
    switch (kind) {
    case AssertionKind::StatusEquals:
        return TestsEditor::tr("Status equals");
    case AssertionKind::StatusInRange:
        return TestsEditor::tr("Status in range");
    case AssertionKind::HeaderExists:
        return TestsEditor::tr("Header exists");
    case AssertionKind::HeaderEquals:
        return TestsEditor::tr("Header equals");
    case AssertionKind::HeaderMatches:
        return TestsEditor::tr("Header matches");
    case AssertionKind::JsonExists:
        return TestsEditor::tr("JSON exists");
    case AssertionKind::JsonEquals:
        return TestsEditor::tr("JSON equals");
    case AssertionKind::JsonType:
        return TestsEditor::tr("JSON has type");
    case AssertionKind::JsonMatches:
        return TestsEditor::tr("JSON matches");
    case AssertionKind::BodyContains:
        return TestsEditor::tr("Body contains");
    case AssertionKind::ResponseTimeBelow:
        return TestsEditor::tr("Response time below (ms)");
    case AssertionKind::MatchesSpec:
        return TestsEditor::tr("Matches the API description");
    }
    return {};
}

QTableWidgetItem *checkItem(bool checked)
{
    auto item = std::make_unique<QTableWidgetItem>();
    item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item.release(); // the table takes it
}

QTableWidgetItem *resultItem()
{
    auto item = std::make_unique<QTableWidgetItem>();
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item.release(); // the table takes it
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    // The switch as narrow as its header, the editable columns wide enough for their combos and
    // a pointer, and the rest for the last result.
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header->resizeSection(1, 150);
    header->resizeSection(2, 150);
    header->resizeSection(3, 110);
    header->setStretchLastSection(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    return table;
}

void setResult(QTableWidgetItem *item, bool passed, const QString &text, QWidget *widget)
{
    item->setText(text);
    item->setToolTip(text);
    item->setIcon(widget->style()->standardIcon(passed ? QStyle::SP_DialogApplyButton
                                                       : QStyle::SP_MessageBoxCritical));
    item->setData(Qt::UserRole, passed);
}

} // namespace

TestsEditor::TestsEditor(QWidget *parent)
    : QWidget(parent)
    , m_assertions(makeTable({tr("On"), tr("Check"), tr("Header, JSON pointer or query"),
                              tr("Expected"), tr("Last result")},
                             this))
    , m_captures(makeTable(
          {tr("On"), tr("Variable"), tr("From"), tr("Pointer, query or header"), tr("Last value")},
          this))
    , m_scriptBox(new QWidget(this))
    , m_scriptNote(new QLabel(m_scriptBox))
    , m_scripts(new QPlainTextEdit(m_scriptBox))
{
    Accessibility::describe(m_assertions, tr("Assertions"),
                            tr("Checks on the response after each send: what to check, where, "
                               "the expected value and the last result"));
    Accessibility::describe(m_captures, tr("Captures"),
                            tr("Variables set from the response for the requests after this one"));
    auto *layout = new QVBoxLayout(this);
    auto buttons = [this](const QString &add, const QString &remove, void (TestsEditor::*onAdd)(),
                          void (TestsEditor::*onRemove)()) {
        auto *row = new QHBoxLayout;
        auto *addButton = new QPushButton(add, this);
        auto *removeButton = new QPushButton(remove, this);
        addButton->setAccessibleDescription(tr("Add a row to the table above"));
        removeButton->setAccessibleDescription(tr("Remove the selected rows of the table above"));
        connect(addButton, &QPushButton::clicked, this, onAdd);
        connect(removeButton, &QPushButton::clicked, this, onRemove);
        row->addWidget(addButton);
        row->addWidget(removeButton);
        row->addStretch();
        return row;
    };
    layout->addWidget(new QLabel(tr("Assertions, checked after each send:"), this));
    layout->addWidget(m_assertions, 2);
    layout->addLayout(buttons(tr("Add assertion"), tr("Remove assertion"),
                              &TestsEditor::addAssertion, &TestsEditor::removeSelectedAssertions));
    layout->addWidget(new QLabel(tr("Captures, variables set from the response for the requests "
                                    "after this one:"),
                                 this));
    layout->addWidget(m_captures, 1);
    layout->addLayout(buttons(tr("Add capture"), tr("Remove capture"), &TestsEditor::addCapture,
                              &TestsEditor::removeSelectedCaptures));

    auto *scriptLayout = new QVBoxLayout(m_scriptBox);
    scriptLayout->setContentsMargins(0, 0, 0, 0);
    m_scriptNote->setWordWrap(true);
    m_scriptNote->setText(tr("Scripts imported from Postman, shown for reference. Patchbay does "
                             "not run scripts: runs report them as \"not run\". Turn what they "
                             "check into assertions above."));
    m_scripts->setReadOnly(true);
    m_scripts->setLineWrapMode(QPlainTextEdit::NoWrap);
    scriptLayout->addWidget(m_scriptNote);
    scriptLayout->addWidget(m_scripts);
    layout->addWidget(m_scriptBox, 1);
    m_scriptBox->hide();

    connect(m_assertions, &QTableWidget::itemChanged, this, &TestsEditor::onEdited);
    connect(m_captures, &QTableWidget::itemChanged, this, &TestsEditor::onEdited);
}

void TestsEditor::onEdited()
{
    if (!m_loading)
        emit testsChanged();
}

void TestsEditor::insertAssertionRow(const Assertion &assertion)
{
    const bool loading = std::exchange(m_loading, true);
    const int row = m_assertions->rowCount();
    m_assertions->insertRow(row);
    m_assertions->setItem(row, AEnabled, checkItem(assertion.enabled));
    auto *kind = new QComboBox(m_assertions);
    for (AssertionKind k : allAssertionKinds())
        kind->addItem(kindLabel(k), int(k));
    kind->setCurrentIndex(kind->findData(int(assertion.kind)));
    m_assertions->setCellWidget(row, AKind, kind);
    m_assertions->setItem(row, ATarget, new QTableWidgetItem(assertion.target));
    m_assertions->setItem(row, AExpected, new QTableWidgetItem(assertion.expected));
    m_assertions->setItem(row, AResult, resultItem());
    connect(kind, &QComboBox::currentIndexChanged, this, [this, kind] {
        for (int r = 0; r < m_assertions->rowCount(); ++r) {
            if (m_assertions->cellWidget(r, AKind) == kind)
                updatePlaceholders(r);
        }
        onEdited();
    });
    updatePlaceholders(row);
    m_loading = loading;
}

// Greys out the cells a kind does not use, and says what goes in the others.
void TestsEditor::updatePlaceholders(int row)
{
    const auto *combo = qobject_cast<QComboBox *>(m_assertions->cellWidget(row, AKind));
    if (!combo)
        return;
    const auto kind = AssertionKind(combo->currentData().toInt());
    const bool loading = std::exchange(m_loading, true);
    const QString targetHint = kind == AssertionKind::HeaderExists
            || kind == AssertionKind::HeaderEquals || kind == AssertionKind::HeaderMatches
        ? tr("Header name, e.g. Content-Type")
        : tr("JSON pointer (/data/0/id), jq expression (.data[0].id, .items | length) or "
             "JSONPath ($.data[0].id)");
    QString expectedHint;
    switch (kind) {
    case AssertionKind::StatusEquals:
        expectedHint = tr("Status code, e.g. 200");
        break;
    case AssertionKind::StatusInRange:
        expectedHint = tr("Range, e.g. 200-299 or 2xx");
        break;
    case AssertionKind::HeaderMatches:
    case AssertionKind::JsonMatches:
        expectedHint = tr("Regular expression");
        break;
    case AssertionKind::JsonType:
        expectedHint = tr("null, boolean, number, string, array or object");
        break;
    case AssertionKind::JsonEquals:
        expectedHint = tr("JSON value, or text for a string");
        break;
    case AssertionKind::ResponseTimeBelow:
        expectedHint = tr("Milliseconds");
        break;
    default:
        expectedHint = tr("Text");
    }
    const QColor unused = palette().color(QPalette::Disabled, QPalette::Base);
    if (QTableWidgetItem *target = m_assertions->item(row, ATarget)) {
        const bool used = assertionKindUsesTarget(kind);
        target->setToolTip(used ? targetHint : tr("Not used by this check"));
        target->setBackground(used ? QBrush() : QBrush(unused));
    }
    if (QTableWidgetItem *expected = m_assertions->item(row, AExpected)) {
        const bool used = assertionKindUsesExpected(kind);
        expected->setToolTip(used ? expectedHint : tr("Not used by this check"));
        expected->setBackground(used ? QBrush() : QBrush(unused));
    }
    m_loading = loading;
}

void TestsEditor::insertCaptureRow(const Capture &capture)
{
    const bool loading = std::exchange(m_loading, true);
    const int row = m_captures->rowCount();
    m_captures->insertRow(row);
    m_captures->setItem(row, CEnabled, checkItem(capture.enabled));
    m_captures->setItem(row, CVariable, new QTableWidgetItem(capture.variable));
    auto *source = new QComboBox(m_captures);
    source->addItem(tr("JSON body"), int(CaptureSource::JsonPointer));
    source->addItem(tr("Header"), int(CaptureSource::Header));
    source->setCurrentIndex(source->findData(int(capture.source)));
    m_captures->setCellWidget(row, CSource, source);
    m_captures->setItem(row, CPath, new QTableWidgetItem(capture.path));
    m_captures->setItem(row, CResult, resultItem());
    connect(source, &QComboBox::currentIndexChanged, this, &TestsEditor::onEdited);
    m_loading = loading;
}

void TestsEditor::setTests(const RequestTests &tests)
{
    const bool loading = std::exchange(m_loading, true);
    m_assertions->setRowCount(0);
    m_captures->setRowCount(0);
    for (const Assertion &a : tests.assertions)
        insertAssertionRow(a);
    for (const Capture &c : tests.captures)
        insertCaptureRow(c);
    m_loading = loading;
}

RequestTests TestsEditor::tests() const
{
    RequestTests tests;
    for (int row = 0; row < m_assertions->rowCount(); ++row) {
        Assertion a;
        a.enabled = m_assertions->item(row, AEnabled)->checkState() == Qt::Checked;
        if (const auto *combo = qobject_cast<QComboBox *>(m_assertions->cellWidget(row, AKind)))
            a.kind = AssertionKind(combo->currentData().toInt());
        a.target = m_assertions->item(row, ATarget)->text();
        a.expected = m_assertions->item(row, AExpected)->text();
        tests.assertions.append(a);
    }
    for (int row = 0; row < m_captures->rowCount(); ++row) {
        Capture c;
        c.enabled = m_captures->item(row, CEnabled)->checkState() == Qt::Checked;
        c.variable = m_captures->item(row, CVariable)->text();
        if (const auto *combo = qobject_cast<QComboBox *>(m_captures->cellWidget(row, CSource)))
            c.source = CaptureSource(combo->currentData().toInt());
        c.path = m_captures->item(row, CPath)->text();
        tests.captures.append(c);
    }
    return tests;
}

void TestsEditor::setImportedScripts(const QString &preRequestScript, const QString &testScript)
{
    QString text;
    if (!preRequestScript.trimmed().isEmpty())
        text += tr("// Pre-request script (not run)\n") + preRequestScript + u'\n';
    if (!testScript.trimmed().isEmpty()) {
        if (!text.isEmpty())
            text += u'\n';
        text += tr("// Test script (not run)\n") + testScript + u'\n';
    }
    m_scripts->setPlainText(text);
    m_scriptBox->setVisible(!text.isEmpty());
}

void TestsEditor::showResults(const QList<AssertionResult> &assertions,
                              const QList<CaptureResult> &captures)
{
    const bool loading = std::exchange(m_loading, true);
    clearResults();
    for (int row = 0; row < m_assertions->rowCount() && row < assertions.size(); ++row) {
        if (m_assertions->item(row, AEnabled)->checkState() != Qt::Checked)
            continue;
        const AssertionResult &r = assertions.at(row);
        setResult(m_assertions->item(row, AResult), r.passed, r.message, this);
    }
    qsizetype next = 0;
    for (int row = 0; row < m_captures->rowCount() && next < captures.size(); ++row) {
        if (m_captures->item(row, CEnabled)->checkState() != Qt::Checked)
            continue;
        const CaptureResult &r = captures.at(next++);
        setResult(m_captures->item(row, CResult), r.captured, r.captured ? r.value : r.message,
                  this);
    }
    m_loading = loading;
}

void TestsEditor::clearResults()
{
    const bool loading = std::exchange(m_loading, true);
    for (QTableWidget *table : {m_assertions, m_captures}) {
        const int column = table == m_assertions ? int(AResult) : int(CResult);
        for (int row = 0; row < table->rowCount(); ++row) {
            QTableWidgetItem *item = table->item(row, column);
            item->setText({});
            item->setToolTip({});
            item->setIcon({});
            item->setData(Qt::UserRole, {});
        }
    }
    m_loading = loading;
}

void TestsEditor::addAssertion()
{
    insertAssertionRow({AssertionKind::StatusEquals, {}, QStringLiteral("200"), true});
    m_assertions->setCurrentCell(m_assertions->rowCount() - 1, AExpected);
    emit testsChanged();
}

void TestsEditor::addCapture()
{
    insertCaptureRow({});
    m_captures->setCurrentCell(m_captures->rowCount() - 1, CVariable);
    emit testsChanged();
}

void TestsEditor::removeSelectedAssertions()
{
    const int row = m_assertions->currentRow();
    if (row < 0)
        return;
    m_assertions->removeRow(row);
    emit testsChanged();
}

void TestsEditor::removeSelectedCaptures()
{
    const int row = m_captures->currentRow();
    if (row < 0)
        return;
    m_captures->removeRow(row);
    emit testsChanged();
}

} // namespace Patchbay::Ui
