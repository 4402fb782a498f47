#pragma once

#include "core/openapi/openapiimport.h"
#include "core/openapi/schemasample.h"
#include "core/openapi/specset.h"

#include <QHash>
#include <QSet>

namespace Patchbay::Core {

// The importer's working state (internal to core/openapi): openapiimport.cpp walks the
// description, openapioperation.cpp turns one operation into a request.
class OpenApiBuilder
{
public:
    OpenApiBuilder(const SpecSet &spec, const ImportLimits &limits);

    Result<OpenApiImport> run();

    struct Auths
    {
        Auth auth; // what Patchbay can send
        bool mapped = false;
        QString lost; // why not, when not mapped
    };

private:
    // openapiimport.cpp
    void readInfo();
    void readServers();
    void readSwaggerHost();
    void readSecuritySchemes();
    void readTags();
    void walkPaths();
    void walkWebhooks();
    void walkPathItem(const QString &path, SpecNode item, const QStringList &forcedFolder,
                      const QString &urlBase, const QString &keyPrefix);
    ImportedFolder &folderFor(const QStringList &names);
    void addRequest(const QStringList &folder, SavedRequest request, SpecOperation op);
    void finish();

    // openapioperation.cpp
    SavedRequest buildOperation(const QString &where, const QString &method, const QString &path,
                                SpecNode pathItem, SpecNode operation, const QString &urlBase);
    void addParameters(const QString &where, SpecNode pathItem, SpecNode operation,
                       SavedRequest &saved);
    void addParameter(const QString &where, SpecNode parameter, SavedRequest &saved,
                      KeyValueList &cookies, bool &cookieRequired);
    void addBody(const QString &where, const QString &method, SpecNode operation,
                 SavedRequest &saved);
    void addSwaggerBody(const QString &where, SpecNode operation, SpecNode pathItem,
                        SavedRequest &saved);
    void addAuth(const QString &where, SpecNode operation, SavedRequest &saved);
    void addCallbacks(const QString &where, SpecNode operation, const QStringList &folder);
    QString parameterValue(SpecNode parameter);
    QString exampleBody(SpecNode media, SpecNode schema, const QString &method);
    Auths authFor(SpecNode requirements, const QString &where);
    QString pathToUrl(const QString &path);

    const SpecSet &m_spec;
    const ImportLimits &m_limits;
    SchemaSampler m_sampler;
    SpecNode m_root;
    bool m_swagger = false; // Swagger 2.0
    OpenApiImport m_result;
    QHash<QString, Auths> m_schemes; // security scheme name → auth
    bool m_hasGlobalSecurity = false;
    QStringList m_tagOrder;
    QHash<QString, QString> m_tagDescriptions;
    bool m_anyTags = false;
    QSet<QString> m_pathVariables; // collection variables made for path parameters
    QHash<QString, QSet<QString>> m_namesByFolder;
    QHash<QString, int> m_nextSuffix; // folder + name → next " (n)" to try
    QHash<QString, int> m_folderIndex; // "a/b" → position in the folder list
    QList<QPair<QStringList, ImportedFolder>> m_folders; // in creation order
    int m_requestCount = 0;
    qint64 m_order = 0;
    QStringList m_globalConsumes; // Swagger 2.0
};

} // namespace Patchbay::Core
