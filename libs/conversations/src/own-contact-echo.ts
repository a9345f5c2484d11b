import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute, type MessageEntity, qb } from '@turbota/persistence';
import { maskEmail, maskPhone, PiiCipher, PiiDecryptionError } from '@turbota/privacy';
import type { Echo } from './input-echo';

interface SealedContact {
  conversationId: string | null;
  createdAt: Date;
  phoneSealed: Buffer | null;
  emailSealed: Buffer | null;
}

/**
 * Shows customers their own contact in full in their chat (they typed it; masking is for staff
 * and storage). The transcript keeps the contact masked; it is opened, as the messages are
 * read for the customer, from the complaint of the same step, where it is sealed. Nothing here
 * is written back.
 */
@Injectable()
export class OwnContactEcho {
  constructor(private readonly cipher: PiiCipher) {}

  /** The messages as their customer is to read them: each of their contacts in full (masked still once it is erased). */
  async reveal(manager: EntityManager, messages: MessageEntity[]): Promise<MessageEntity[]> {
    const echoes = messages.filter((m) => m.direction === 'in' && (m.body as Partial<Echo>).ownContact);
    if (echoes.length === 0) return messages;
    const conversationIds = [...new Set(echoes.map((m) => m.conversationId).filter(Boolean))];
    const sealed: SealedContact[] = await execute(
      manager,
      qb
        .selectFrom('complaint')
        .select(['conversation_id as conversationId', 'created_at as createdAt', 'phone_sealed as phoneSealed', 'email_sealed as emailSealed'])
        .where('conversation_id', '=', sql<string>`ANY(${conversationIds}::uuid[])`)
        .where((eb) => eb.or([eb('phone_sealed', 'is not', null), eb('email_sealed', 'is not', null)]))
        .orderBy('created_at', 'desc'),
    );
    return messages.map((m) => (echoes.includes(m) ? this.inFull(m, sealed) : m));
  }

  /** The echo with the contact of its step's complaint, when that contact is the one it masks. */
  private inFull(message: MessageEntity, sealed: SealedContact[]): MessageEntity {
    const echo = message.body as Echo;
    for (const complaint of sealed) {
      if (complaint.conversationId !== message.conversationId || complaint.createdAt.getTime() > message.createdAt.getTime()) continue;
      const contact = this.open(echo.ownContact === 'phone' ? complaint.phoneSealed : complaint.emailSealed);
      const masked = contact && (echo.ownContact === 'phone' ? maskPhone(contact) : maskEmail(contact));
      if (masked === echo.text) return { ...message, body: { text: contact } };
    }
    return message;
  }

  private open(sealed: Buffer | null): string | null {
    if (!sealed) return null;
    try {
      return this.cipher.open(sealed);
    } catch (error) {
      if (error instanceof PiiDecryptionError) return null;
      throw error;
    }
  }
}
