import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// The real Cedar engine, through `cedarpy` (the Python bindings of the Rust engine that
/// `.ci/run` installs), against `tenancy can --batch`: every question over a registry.
enum CedarEngine {
    static let isAvailable = (try? runProgram(
        ["python3", "-c", "import cedarpy"], in: "/", environment: ProcessInfo.processInfo.environment))?.status == 0

    /// Skips a test, saying why, where the engine is missing.
    static var required: ConditionTrait {
        .enabled(if: isAvailable, "python3 with cedarpy is not installed (python3 -m pip install cedarpy)")
    }

    /// One question, as `tenancy can --batch` reads it.
    struct Question: Codable, CustomStringConvertible {
        var user: String
        var permission: String
        var org: String
        var project: String?

        var description: String { "\(user) \(permission) \(org)\(project.map { "/" + $0 } ?? "")" }
    }

    /// What Cedar made of the export: the validator's errors and one decision per question.
    struct Verdict: Codable {
        var validationErrors: [String]
        var decisions: [String]
        var requestErrors: [String]
    }

    /// Every question the contract covers: each user, each permission the tool or the
    /// policy names (with `*` and each `resource:*`), each organization and project.
    static func questions(_ snapshot: Snapshot) -> [Question] {
        let places = snapshot.orgSlugs.flatMap { org in
            [(org, Slug?.none)] + snapshot.projects(in: org).map { (org, Optional($0.slug)) }
        }
        return snapshot.userHandles.flatMap { user in
            snapshot.policy.namedPermissions.flatMap { permission in
                places.map { Question(user: user.rawValue, permission: permission.rawValue, org: $0.0.rawValue, project: $0.1?.rawValue) }
            }
        }
    }

    /// Expects Cedar and `tenancy can` to agree on every question over `registry`.
    static func expectNoDifference(registry: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let differences = try differences(registry: registry, sourceLocation: sourceLocation)
        #expect(
            differences.count == 0, "\(differences.count) differences, e.g. \(differences.prefix(10).joined(separator: "; "))",
            sourceLocation: sourceLocation)
    }

    /// Exports `registry` to Cedar, asks every question of `tenancy can --batch` and of
    /// Cedar, and returns each question on which they differ; records a failure for an
    /// export the validator refuses or a question either could not answer.
    static func differences(registry: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let scratch = try ScratchDirectory()
        let questions = Self.questions(try SnapshotLoader.load(from: DirectorySource(root: registry)))
        #expect(!questions.isEmpty, sourceLocation: sourceLocation)
        let encoder = JSONEncoder()
        let lines = try questions.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        try scratch.write("questions.jsonl", lines)

        let export = try runTenancy(["--registry", registry, "export", "cedar", "--out", scratch.url("cedar").path])
        #expect(export.status == 0, "\(export.stderr)", sourceLocation: sourceLocation)
        let can = try runTenancy(["--registry", registry, "can", "--batch"], stdin: lines)
        #expect(can.status == 0, "\(can.stdout)\(can.stderr)", sourceLocation: sourceLocation)
        let answers = try can.stdout.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }

        let python = try runProgram(
            ["python3", "-c", script, scratch.url("cedar").path, scratch.url("questions.jsonl").path, scratch.url("verdict.json").path],
            in: scratch.path, environment: ProcessInfo.processInfo.environment)
        #expect(python.status == 0, "\(python.output)", sourceLocation: sourceLocation)
        let verdict = try JSONDecoder().decode(Verdict.self, from: Data(contentsOf: scratch.url("verdict.json")))
        #expect(verdict.validationErrors == [], sourceLocation: sourceLocation)
        #expect(verdict.requestErrors == [], sourceLocation: sourceLocation)
        #expect(answers.count == questions.count && verdict.decisions.count == questions.count, sourceLocation: sourceLocation)

        return zip(questions, zip(answers, verdict.decisions)).compactMap { question, pair in
            let allowed = pair.0?["allowed"] as? Bool
            return allowed == (pair.1 == "Allow") ? nil : "\(question): can \(allowed.map { $0 ? "yes" : "no" } ?? "?"), Cedar \(pair.1)"
        }
    }

    /// Validates the policies against the schema, then decides every question in one
    /// batch with the schema (which also checks the entities against it).
    private static let script = """
        import json, sys, cedarpy
        directory, questions_path, verdict_path = sys.argv[1:4]
        def read(name):
            with open(directory + "/" + name, encoding="utf-8") as f:
                return f.read()
        schema, policies, entities = read("tenancy.cedarschema.json"), read("policies.cedar"), read("entities.json")
        validation = cedarpy.validate_policies(policies, schema)
        def uid(kind, id):
            return "Tenancy::" + kind + "::" + json.dumps(id, ensure_ascii=False)
        def request(q):
            resource = uid("Project", q["org"] + "/" + q["project"]) if q.get("project") else uid("Organization", q["org"])
            return {"principal": uid("User", q["user"]), "action": uid("Action", q["permission"]),
                    "resource": resource, "context": {}}
        with open(questions_path, encoding="utf-8") as f:
            requests = [request(json.loads(line)) for line in f if line.strip()]
        results = cedarpy.is_authorized_batch(requests, policies, entities, schema)
        verdict = {
            "validationErrors": [str(e) for e in validation.errors],
            "decisions": [r.decision.name for r in results],
            "requestErrors": sorted({str(e) for r in results for e in r.diagnostics.errors}),
        }
        with open(verdict_path, "w", encoding="utf-8") as f:
            json.dump(verdict, f)
        """
}
