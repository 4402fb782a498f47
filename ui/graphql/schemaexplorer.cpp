#include "ui/graphql/schemaexplorer.h"

#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace Patchbay::Ui {

namespace Gql = Core::GraphQl;

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// "[User!]!" with the named type as a link.
QString typeLink(const QString &type, const QString &named)
{
    QString html = escaped(type);
    const QString name = escaped(named);
    html.replace(name, QStringLiteral("<a href=\"type:%1\">%1</a>").arg(name));
    return html;
}

QString descriptionHtml(const QString &description)
{
    if (description.isEmpty())
        return {};
    QString html = escaped(description);
    html.replace(u'\n', QLatin1String("<br>"));
    return QStringLiteral("<div style=\"margin:2px 0 6px 0\">%1</div>").arg(html);
}

QString deprecatedHtml(bool isDeprecated, const QString &reason)
{
    if (!isDeprecated)
        return {};
    return QStringLiteral(" <span style=\"color:#c67c00\">deprecated%1</span>")
        .arg(reason.isEmpty() ? QString() : QLatin1String(": ") + escaped(reason));
}

QString inputValueHtml(const Gql::SchemaInputValue &v)
{
    QString html
        = QStringLiteral("<b>%1</b>: %2").arg(escaped(v.name), typeLink(v.type, v.namedType));
    if (v.hasDefault)
        html += QLatin1String(" = ") + escaped(v.defaultValue);
    html += deprecatedHtml(v.isDeprecated, v.deprecationReason);
    return html;
}

} // namespace

SchemaTypesModel::SchemaTypesModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

SchemaTypesModel::~SchemaTypesModel() = default;

void SchemaTypesModel::setSchema(std::shared_ptr<const Gql::Schema> schema)
{
    beginResetModel();
    m_schema = std::move(schema);
    m_types.clear();
    if (m_schema) {
        for (const Gql::SchemaType &t : m_schema->types)
            m_types.append(&t);
        const Gql::Schema *s = m_schema.get();
        const auto rank = [s](const Gql::SchemaType *t) {
            if (t->name == s->queryType)
                return 0;
            if (t->name == s->mutationType)
                return 1;
            if (t->name == s->subscriptionType)
                return 2;
            if (t->name.startsWith(QLatin1String("__")))
                return 5;
            if (Gql::isBuiltInScalar(t->name))
                return 4;
            return 3;
        };
        std::stable_sort(m_types.begin(), m_types.end(),
                         [&rank](const Gql::SchemaType *a, const Gql::SchemaType *b) {
                             const int ra = rank(a);
                             const int rb = rank(b);
                             if (ra != rb)
                                 return ra < rb;
                             return a->name.compare(b->name, Qt::CaseInsensitive) < 0;
                         });
    }
    endResetModel();
}

const Gql::SchemaType *SchemaTypesModel::typeAt(int row) const
{
    return row >= 0 && row < m_types.size() ? m_types.at(row) : nullptr;
}

int SchemaTypesModel::rowOf(const QString &typeName) const
{
    for (int i = 0; i < m_types.size(); ++i) {
        if (m_types.at(i)->name == typeName)
            return i;
    }
    return -1;
}

int SchemaTypesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

QVariant SchemaTypesModel::data(const QModelIndex &index, int role) const
{
    const Gql::SchemaType *t = index.isValid() ? typeAt(index.row()) : nullptr;
    if (!t)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return t->name;
    case Qt::ToolTipRole:
        return Gql::typeKindName(t->kind);
    default:
        return {};
    }
}

SchemaExplorer::SchemaExplorer(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("schemaFilter"));
    m_filter->setPlaceholderText(tr("Search types"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Search the schema's types"));
    layout->addWidget(m_filter);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_model = new SchemaTypesModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list = new QListView(split);
    m_list->setObjectName(QStringLiteral("schemaTypes"));
    m_list->setAccessibleName(tr("Types"));
    m_list->setModel(m_proxy);
    m_list->setUniformItemSizes(true);
    m_docs = new QTextBrowser(split);
    m_docs->setObjectName(QStringLiteral("schemaDocs"));
    m_docs->setAccessibleName(tr("Type documentation"));
    m_docs->setOpenLinks(false);
    split->addWidget(m_list);
    split->addWidget(m_docs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const Gql::SchemaType *t = m_model->typeAt(m_proxy->mapToSource(current).row());
                if (t && t->name != m_current)
                    showType(t->name);
            });
    connect(m_docs, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const QString link = url.toString();
        if (link == QLatin1String("back")) {
            if (!m_back.isEmpty()) {
                const QString previous = m_back.takeLast();
                const QString from = m_current;
                showType(previous);
                m_back.removeLast(); // showType pushed `from`
                Q_UNUSED(from);
            }
        } else if (link.startsWith(QLatin1String("type:"))) {
            showType(link.mid(5));
        } else if (link.startsWith(QLatin1String("insert:"))) {
            emit insertRequested(link.mid(7));
        }
    });
}

SchemaExplorer::~SchemaExplorer() = default;

void SchemaExplorer::setSchema(std::shared_ptr<const Gql::Schema> schema)
{
    m_schema = std::move(schema);
    m_model->setSchema(m_schema);
    m_back.clear();
    const QString keep = m_current;
    m_current.clear();
    m_docs->clear();
    if (!m_schema)
        return;
    if (!showType(keep))
        showType(m_schema->queryType);
}

bool SchemaExplorer::showType(const QString &name)
{
    const Gql::SchemaType *t = m_schema ? m_schema->type(name) : nullptr;
    if (!t)
        return false;
    if (!m_current.isEmpty() && m_current != name)
        m_back.append(m_current);
    m_current = name;
    QString html;
    if (!m_back.isEmpty())
        html += QStringLiteral("<p><a href=\"back\">← %1</a></p>").arg(escaped(m_back.last()));
    html += typeHtml(*m_schema, *t);
    m_docs->setHtml(html);
    const int row = m_model->rowOf(name);
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row));
    if (index.isValid() && m_list->currentIndex() != index)
        m_list->setCurrentIndex(index);
    return true;
}

QString SchemaExplorer::typeHtml(const Gql::Schema &schema, const Gql::SchemaType &t)
{
    QString html = QStringLiteral("<h3>%1 <span style=\"font-weight:normal\">%2</span></h3>")
                       .arg(Gql::typeKindName(t.kind), escaped(t.name));
    if (t.name == schema.queryType)
        html += QStringLiteral("<p><i>The root of queries.</i></p>");
    else if (t.name == schema.mutationType)
        html += QStringLiteral("<p><i>The root of mutations.</i></p>");
    else if (t.name == schema.subscriptionType)
        html += QStringLiteral("<p><i>The root of subscriptions.</i></p>");
    html += descriptionHtml(t.description);
    if (!t.interfaces.isEmpty()) {
        QStringList links;
        for (const QString &i : t.interfaces)
            links.append(typeLink(i, i));
        html += QStringLiteral("<p>Implements %1</p>").arg(links.join(QLatin1String(", ")));
    }
    if (!t.fields.isEmpty()) {
        html += QStringLiteral("<h4>Fields</h4>");
        for (const Gql::SchemaField &f : t.fields) {
            QString args;
            if (!f.arguments.isEmpty()) {
                QStringList parts;
                for (const Gql::SchemaInputValue &a : f.arguments)
                    parts.append(inputValueHtml(a));
                args = QLatin1Char('(') + parts.join(QLatin1String(", ")) + QLatin1Char(')');
            }
            html += QStringLiteral(
                        "<p style=\"margin:4px 0 0 0\"><a href=\"insert:%1\"><b>%1</b></a>"
                        "%2: %3%4</p>")
                        .arg(escaped(f.name), args, typeLink(f.type, f.namedType),
                             deprecatedHtml(f.isDeprecated, f.deprecationReason));
            html += descriptionHtml(f.description);
            for (const Gql::SchemaInputValue &a : f.arguments) {
                if (!a.description.isEmpty())
                    html += QStringLiteral("<div style=\"margin-left:16px\"><i>%1</i>: %2</div>")
                                .arg(escaped(a.name), escaped(a.description));
            }
        }
    }
    if (!t.inputFields.isEmpty()) {
        html += QStringLiteral("<h4>Input fields</h4>");
        for (const Gql::SchemaInputValue &v : t.inputFields)
            html += QStringLiteral("<p style=\"margin:4px 0 0 0\">%1</p>").arg(inputValueHtml(v))
                + descriptionHtml(v.description);
    }
    if (!t.enumValues.isEmpty()) {
        html += QStringLiteral("<h4>Values</h4>");
        for (const Gql::SchemaEnumValue &v : t.enumValues)
            html += QStringLiteral("<p style=\"margin:4px 0 0 0\"><b>%1</b>%2</p>")
                        .arg(escaped(v.name), deprecatedHtml(v.isDeprecated, v.deprecationReason))
                + descriptionHtml(v.description);
    }
    if (!t.possibleTypes.isEmpty()) {
        html += t.kind == Gql::TypeKind::Union ? QStringLiteral("<h4>Members</h4>")
                                               : QStringLiteral("<h4>Implemented by</h4>");
        QStringList links;
        for (const QString &p : t.possibleTypes)
            links.append(typeLink(p, p));
        html += QStringLiteral("<p>%1</p>").arg(links.join(QLatin1String(", ")));
    }
    if (!t.specifiedByUrl.isEmpty())
        html += QStringLiteral("<p>Specified by %1</p>").arg(escaped(t.specifiedByUrl));
    return html;
}

} // namespace Patchbay::Ui
