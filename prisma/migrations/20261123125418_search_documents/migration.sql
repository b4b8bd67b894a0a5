-- CreateTable
CREATE TABLE "SearchDocument" (
    "messageId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "senderId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "body" TEXT NOT NULL,
    "tokens" TEXT[],
    "hasLink" BOOLEAN NOT NULL,
    "hasFile" BOOLEAN NOT NULL DEFAULT false,
    "mentionedUserIds" UUID[],
    "mentionsAll" BOOLEAN NOT NULL,
    "changeSeq" INTEGER NOT NULL,
    "indexedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "SearchDocument_tokens_body_idx" ON "SearchDocument" USING GIN ("tokens" array_ops, "body" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "SearchDocument_indexedAt_idx" ON "SearchDocument"("indexedAt");
