#pragma once

#include "core/graphql/graphqlschema.h"

#include <QAbstractListModel>
#include <QWidget>

#include <memory>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QTextBrowser;

namespace Patchbay::Ui {

// The types of a schema as a list: root types first, then the others by name; introspection
// types (__Schema...) and built-in scalars last. DisplayRole is the name, ToolTipRole the kind.
class SchemaTypesModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaTypesModel)

public:
    explicit SchemaTypesModel(QObject *parent = nullptr);
    ~SchemaTypesModel() override;

    void setSchema(std::shared_ptr<const Core::GraphQl::Schema> schema);
    const Core::GraphQl::SchemaType *typeAt(int row) const;
    int rowOf(const QString &typeName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Core::GraphQl::Schema> m_schema;
    QList<const Core::GraphQl::SchemaType *> m_types; // into *m_schema
};

// Browses a schema: a filterable list of types and, for the chosen one, its documentation:
// description, fields with their arguments and types, input fields, enum values, possible
// types, deprecations. Type names are links; Back returns to the previous type.
class SchemaExplorer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaExplorer)

public:
    explicit SchemaExplorer(QWidget *parent = nullptr);
    ~SchemaExplorer() override;

    void setSchema(std::shared_ptr<const Core::GraphQl::Schema> schema);
    // Shows a type's documentation; false when the schema has no such type.
    bool showType(const QString &name);
    QString currentType() const { return m_current; }

    // For tests.
    QLineEdit *filter() const { return m_filter; }
    QListView *typeList() const { return m_list; }
    QTextBrowser *documentation() const { return m_docs; }
    SchemaTypesModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    // The documentation of a type as HTML (what the browser shows).
    static QString typeHtml(const Core::GraphQl::Schema &schema,
                            const Core::GraphQl::SchemaType &type);

signals:
    // A field name was double-clicked in the documentation: insert it into the query.
    void insertRequested(const QString &text);

private:
    std::shared_ptr<const Core::GraphQl::Schema> m_schema;
    QString m_current;
    QStringList m_back;

    QLineEdit *m_filter; // owned (child)
    QListView *m_list; // owned (child)
    QTextBrowser *m_docs; // owned (child)
    SchemaTypesModel *m_model; // owned (child)
    QSortFilterProxyModel *m_proxy; // owned (child)
};

} // namespace Patchbay::Ui
