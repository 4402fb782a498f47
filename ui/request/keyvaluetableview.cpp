#include "ui/request/keyvaluetableview.h"

#include "ui/request/keyvaluemodel.h"

#include <QApplication>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>

namespace Patchbay::Ui {

namespace {

// Edits names and values in a line edit that completes from the lists it was given, and paints
// `{{variables}}` of names and values in their colours.
class CompletingDelegate final : public QStyledItemDelegate
{
public:
    CompletingDelegate(QStringList names, KeyValueTableView::ValueCompletions values,
                       KeyValueTableView *view)
        : QStyledItemDelegate(view)
        , m_values(std::move(values))
        , m_view(view)
        , m_nameWords(new QStringListModel(std::move(names), this))
        , m_valueWords(new QStringListModel(this))
        , m_nameCompleter(makeCompleter(m_nameWords))
        , m_valueCompleter(makeCompleter(m_valueWords))
    { }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QList<VariableHighlight> spans = m_view->variableHighlights(index);
        if (spans.isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QRect rect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                               .adjusted(3, 0, -3, 0);

        QList<QTextLayout::FormatRange> formats;
        const bool selected = opt.state & QStyle::State_Selected;
        const QColor accent = resolvedVariableColor(opt.palette);
        for (const VariableHighlight &h : spans) {
            QTextCharFormat format;
            if (selected) {
                // The selection is the accent colour itself, and even its own text colour
                // reaches only about 3.7:1 on it (Fusion). The variable gets a chip of the
                // view's base colour with the plain text colour on it, underlined in the
                // variable's colour: readable (WCAG AA) and still marked as a variable.
                format.setForeground(opt.palette.color(QPalette::Text));
                format.setBackground(opt.palette.color(QPalette::Base));
                format.setFontUnderline(true);
                format.setUnderlineColor(h.resolved ? accent : unresolvedVariableColor());
                if (!h.resolved)
                    format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            } else {
                const QColor colour = h.resolved ? accent : unresolvedVariableColor();
                format.setForeground(colour);
                QColor background = colour;
                background.setAlpha(40);
                format.setBackground(background);
            }
            formats.append({int(h.start), int(h.length), format});
        }
        QTextLayout layout(text, opt.font);
        layout.setFormats(formats);
        layout.beginLayout();
        QTextLine line = layout.createLine();
        line.setLineWidth(1e6); // one line, clipped below
        layout.endLayout();
        painter->save();
        painter->setClipRect(rect);
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        const qreal y = rect.top() + (rect.height() - line.height()) / 2;
        layout.draw(painter, QPointF(rect.left(), y));
        painter->restore();
    }

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override
    {
        if (event && event->type() == QEvent::ToolTip) {
            const QString tip = m_view->variableToolTip(index);
            if (!tip.isEmpty()) {
                QToolTip::showText(event->globalPos(), tip, view);
                return true;
            }
        }
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line)
            return editor;
        line->setFrame(false);
        if (index.column() == KeyValueModel::NameColumn && m_nameWords->rowCount() > 0) {
            line->setCompleter(m_nameCompleter);
        } else if (index.column() == KeyValueModel::ValueColumn && m_values) {
            const QString name
                = index.siblingAtColumn(KeyValueModel::NameColumn).data(Qt::EditRole).toString();
            m_valueWords->setStringList(m_values(name));
            if (m_valueWords->rowCount() > 0)
                line->setCompleter(m_valueCompleter);
        }
        return editor;
    }

private:
    // One completer per column, kept for the delegate's life rather than one per editor: its
    // popup then outlives the editors that use it. Destroying an editor's own popup as the editor
    // closed could take the window's activation (and the keyboard focus) with it.
    QCompleter *makeCompleter(QStringListModel *words)
    {
        auto *completer = new QCompleter(words, this); // owned by this delegate
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchStartsWith);
        completer->setCompletionMode(QCompleter::PopupCompletion);
        return completer;
    }

    KeyValueTableView::ValueCompletions m_values;
    KeyValueTableView *m_view; // not owned (our parent)
    QStringListModel *m_nameWords; // owned by this delegate
    QStringListModel *m_valueWords; // owned by this delegate
    QCompleter *m_nameCompleter; // owned by this delegate
    QCompleter *m_valueCompleter; // owned by this delegate
};

} // namespace

KeyValueTableView::KeyValueTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    setTabKeyNavigation(true);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setContextMenuPolicy(Qt::DefaultContextMenu);
    setItemDelegate(new CompletingDelegate({}, {}, this)); // owned by this view
}

KeyValueTableView::~KeyValueTableView() = default;

void KeyValueTableView::setKeyValueModel(KeyValueModel *model)
{
    m_model = model;
    setModel(model);
    QHeaderView *header = horizontalHeader();
    header->setSectionResizeMode(KeyValueModel::EnabledColumn, QHeaderView::Fixed);
    header->resizeSection(KeyValueModel::EnabledColumn, 32);
    header->setSectionResizeMode(KeyValueModel::NameColumn, QHeaderView::Interactive);
    header->resizeSection(KeyValueModel::NameColumn, 220);
    header->setSectionResizeMode(KeyValueModel::ValueColumn, QHeaderView::Stretch);
}

void KeyValueTableView::setCompletions(const QStringList &names, ValueCompletions values)
{
    QAbstractItemDelegate *old = itemDelegate();
    setItemDelegate(new CompletingDelegate(names, std::move(values), this)); // owned by this view
    if (old && old->parent() == this)
        old->deleteLater();
}

void KeyValueTableView::setVariableLookup(VariableLookup lookup)
{
    m_lookup = std::move(lookup);
    viewport()->update();
}

QList<VariableHighlight> KeyValueTableView::variableHighlights(const QModelIndex &index) const
{
    if (!m_lookup || !index.isValid()
        || (index.column() != KeyValueModel::NameColumn
            && index.column() != KeyValueModel::ValueColumn))
        return {};
    return Ui::variableHighlights(index.data(Qt::DisplayRole).toString(), m_lookup);
}

QString KeyValueTableView::variableToolTip(const QModelIndex &index) const
{
    if (!m_lookup || !index.isValid()
        || (index.column() != KeyValueModel::NameColumn
            && index.column() != KeyValueModel::ValueColumn))
        return {};
    return variablesToolTip(index.data(Qt::DisplayRole).toString(), m_lookup);
}

void KeyValueTableView::removeSelectedRows()
{
    if (!m_model)
        return;
    QList<int> rows;
    const QModelIndexList selected
        = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    for (const QModelIndex &index : selected)
        rows << index.row();
    if (rows.isEmpty() && currentIndex().isValid())
        rows << currentIndex().row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const int remaining = m_model->rowCount();
    for (int row : rows) {
        if (!m_model->isPlaceholderRow(row))
            m_model->removeRows(row, 1);
    }
    if (remaining != m_model->rowCount() && !rows.isEmpty()) {
        const int next = std::min(rows.last(), m_model->rowCount() - 1);
        setCurrentIndex(m_model->index(next, KeyValueModel::NameColumn));
    }
}

void KeyValueTableView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)
        && state() != QAbstractItemView::EditingState && event->modifiers() == Qt::NoModifier) {
        removeSelectedRows();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

bool KeyValueTableView::isEdgeCell(const QModelIndex &index, bool next) const
{
    if (!index.isValid() || !model())
        return true;
    const int rows = model()->rowCount();
    int column = -1; // the last (or first) visible column
    for (int visual = 0; visual < horizontalHeader()->count(); ++visual) {
        const int logical = horizontalHeader()->logicalIndex(
            next ? horizontalHeader()->count() - 1 - visual : visual);
        if (!isColumnHidden(logical)) {
            column = logical;
            break;
        }
    }
    return index.row() == (next ? rows - 1 : 0) && index.column() == column;
}

bool KeyValueTableView::focusNextPrevChild(bool next)
{
    if (tabKeyNavigation() && isEdgeCell(currentIndex(), next))
        return QWidget::focusNextPrevChild(next); // leave the table
    return QTableView::focusNextPrevChild(next);
}

void KeyValueTableView::closeEditor(QWidget *editor, QAbstractItemDelegate::EndEditHint hint)
{
    const bool next = hint == QAbstractItemDelegate::EditNextItem;
    if ((next || hint == QAbstractItemDelegate::EditPreviousItem)
        && isEdgeCell(currentIndex(), next)) {
        QTableView::closeEditor(editor, QAbstractItemDelegate::SubmitModelCache);
        QWidget::focusNextPrevChild(next);
        return;
    }
    QTableView::closeEditor(editor, hint);
}

void KeyValueTableView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_model)
        return;
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid() && !selectionModel()->isRowSelected(index.row(), {}))
        setCurrentIndex(index);
    QMenu menu(this);
    QAction *remove
        = menu.addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("Delete Row"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setEnabled(index.isValid() && !m_model->isPlaceholderRow(index.row()));
    connect(remove, &QAction::triggered, this, &KeyValueTableView::removeSelectedRows);
    menu.addSeparator();
    QAction *clear = menu.addAction(tr("Delete All Rows"));
    clear->setEnabled(!m_model->rows().isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        if (!m_model->rows().isEmpty())
            m_model->removeRows(0, int(m_model->rows().size()));
    });
    menu.exec(event->globalPos());
}

} // namespace Patchbay::Ui
