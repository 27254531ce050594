import { type Client, NoSuchObjectError } from "ldapts";
import { GroupReadProblem } from "./group-read-problem.js";
import { normalizeDn } from "../../../provisioning/distinguished-name.js";

const GROUP_CLASSES = new Set(["groupofnames", "groupofuniquenames", "group"]);

interface GroupEntry {
  readonly isGroup: boolean;
  readonly members: readonly string[];
}

/**
 * Resolves group membership from the groups' own `member`/`uniqueMember` values (not the `memberOf`
 * overlay, which many servers lack). A member DN that is not one of the users read is looked up, and
 * followed when it is a group; cycles end. Each entry is read once per instance (one instance per read).
 */
export class GroupMembership {
  private readonly entries = new Map<string, Promise<GroupEntry | null>>();

  constructor(
    private readonly client: Client,
    private readonly userDns: ReadonlySet<string>,
  ) {}

  /** The normalized DNs of the group's members: direct, or through nested groups too. Fails if the group is missing. */
  async members(groupDn: string, nested: boolean): Promise<ReadonlySet<string>> {
    const root = await this.read(groupDn);
    if (root === null || !root.isGroup) {
      throw new GroupReadProblem("invalid_response", `the group ${groupDn} does not exist, cannot be read, or is not a group`);
    }
    const members = new Set<string>();
    const visited = new Set([normalizeDn(groupDn)]);
    const queue: GroupEntry[] = [root];
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      for (const member of group.members) {
        if (!nested || this.userDns.has(member)) {
          members.add(member);
          continue;
        }
        if (visited.has(member)) continue;
        visited.add(member);
        const entry = await this.read(member);
        if (entry?.isGroup === true) queue.push(entry);
        else members.add(member);
      }
    }
    return members;
  }

  private read(dn: string): Promise<GroupEntry | null> {
    const key = normalizeDn(dn);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = this.fetch(dn);
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async fetch(dn: string): Promise<GroupEntry | null> {
    let found;
    try {
      found = await this.client.search(dn, { scope: "base", filter: "(objectClass=*)", attributes: ["objectClass", "member", "uniqueMember"] });
    } catch (error) {
      if (error instanceof NoSuchObjectError) return null;
      throw error;
    }
    const entry = found.searchEntries[0];
    if (entry === undefined) return null;
    let isGroup = false;
    const members: string[] = [];
    for (const [name, value] of Object.entries(entry)) {
      const lower = name.toLowerCase();
      const values = (Array.isArray(value) ? value : [value]).map(String);
      if (lower === "objectclass") isGroup ||= values.some((objectClass) => GROUP_CLASSES.has(objectClass.toLowerCase()));
      if (/^(?:member|uniquemember);range=/.test(lower)) {
        throw new GroupReadProblem("partial_read", `the group ${dn} has more members than the server returns at once (ranged ${name}); ranged retrieval is not supported`);
      }
      if (lower === "member" || lower === "uniquemember") {
        isGroup ||= values.length > 0;
        // uniqueMember may carry an optional unique id: `uid=a,dc=x#'0101'B`.
        members.push(...values.map((member) => normalizeDn(member.replace(/#'[01]*'B$/, ""))));
      }
    }
    return { isGroup, members };
  }
}
