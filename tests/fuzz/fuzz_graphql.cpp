// The GraphQL parser (core/graphql): queries typed by the user and SDL or introspection from
// servers and files. Whatever the input: no crash, no hang (nesting is bounded); validation and
// completion at any offset work on it; and a schema read from it prints as SDL that reads back
// to the same SDL (the printer and the parser agree).
#include "core/graphql/graphqlcompletion.h"
#include "core/graphql/graphqlschema.h"
#include "core/graphql/graphqlvalidation.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Patchbay::Core;
using namespace Patchbay::Core::GraphQl;
using namespace Patchbay::Fuzz;

namespace {

const Schema &fixedSchema()
{
    static const Schema schema
        = schemaFromSdl(u"type Query { a(x: Int!, e: E = A): T b: [T!]! }\n"
                        u"type T implements I { id: ID! t(first: Int): T s: String }\n"
                        u"interface I { id: ID! }\nunion U = T\nenum E { A B }\n"
                        u"input In { a: Int = 1, b: [In] }\ntype Mutation { m(i: In): T }")
              .value();
    return schema;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 8192))
        return -1;
    const QString text = QString::fromUtf8(bytes(data, size));

    validateDocument(text, &fixedSchema());
    listOperations(text);
    for (qsizetype offset : {qsizetype(0), text.size() / 2, text.size()})
        completions(text, offset, fixedSchema());

    const Result<Schema> schema = schemaFromFile(bytes(data, size));
    if (schema.ok()) {
        const QString printed = printSchema(schema.value());
        const Result<Schema> again = schemaFromSdl(printed);
        FUZZ_CHECK(again.ok(),
                   QStringLiteral("the printed SDL does not parse: %1\n%2")
                       .arg(again.ok() ? QString() : again.error().message, excerpt(printed)));
        FUZZ_CHECK(printSchema(again.value()) == printed,
                   QStringLiteral("printing is not stable:\n%1\n---\n%2")
                       .arg(excerpt(printed), excerpt(printSchema(again.value()))));
    }
    return 0;
}
