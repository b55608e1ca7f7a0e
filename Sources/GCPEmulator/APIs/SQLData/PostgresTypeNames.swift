/// Column types as the Data API names them: PostgreSQL's type name in capitals (`INT4`,
/// `TEXT`, `_INT4` for an array), the names the model answers too.
enum PostgresTypeNames {
    /// The built-in types, by OID (fixed in PostgreSQL's catalog, `pg_type.dat`).
    static let builtIn: [Int: String] = [
        16: "BOOL", 17: "BYTEA", 18: "CHAR", 19: "NAME", 20: "INT8", 21: "INT2", 23: "INT4", 24: "REGPROC", 25: "TEXT",
        26: "OID", 114: "JSON", 142: "XML", 650: "CIDR", 700: "FLOAT4", 701: "FLOAT8", 705: "UNKNOWN", 774: "MACADDR8",
        790: "MONEY", 829: "MACADDR", 869: "INET", 1000: "_BOOL", 1001: "_BYTEA", 1005: "_INT2", 1007: "_INT4",
        1009: "_TEXT", 1014: "_BPCHAR", 1015: "_VARCHAR", 1016: "_INT8", 1021: "_FLOAT4", 1022: "_FLOAT8", 1028: "_OID",
        1042: "BPCHAR", 1043: "VARCHAR", 1082: "DATE", 1083: "TIME", 1114: "TIMESTAMP", 1115: "_TIMESTAMP",
        1182: "_DATE", 1184: "TIMESTAMPTZ", 1185: "_TIMESTAMPTZ", 1186: "INTERVAL", 1231: "_NUMERIC", 1266: "TIMETZ",
        1560: "BIT", 1562: "VARBIT", 1700: "NUMERIC", 2205: "REGCLASS", 2249: "RECORD", 2278: "VOID", 2950: "UUID",
        2951: "_UUID", 3220: "PG_LSN", 3614: "TSVECTOR", 3615: "TSQUERY", 3802: "JSONB", 3807: "_JSONB", 4089: "REGNAMESPACE",
    ]

    /// The names of `oids`, asking the server (through `session`) for those not built in.
    static func names(of oids: Set<Int>, session: PostgresConnection) -> [Int: String] {
        var names = builtIn.filter { oids.contains($0.key) }
        let unknown = oids.subtracting(names.keys)
        guard !unknown.isEmpty else { return names }
        let list = unknown.sorted().map(String.init).joined(separator: ",")
        if let result = try? session.query("SELECT oid::int8, upper(typname::text) FROM pg_catalog.pg_type WHERE oid IN (\(list))").results.first {
            for row in result.rows {
                if let oid = row.first.flatMap({ $0 }).flatMap({ Int($0) }), row.count > 1, let name = row[1] { names[oid] = name }
            }
        }
        return names
    }
}
