-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "readEpoch" INTEGER NOT NULL DEFAULT 0;
